from dangbo.cli import main

main()
