"""Resolutions, targets (chỉ tiêu), checkpoints and tasks.

Pure rules live in ``rules.py`` (status of a target at a checkpoint, roll-up of sub-targets,
manual override) and ``summary.py`` (the Vietnamese summary sentence). Neither imports Django.
"""
