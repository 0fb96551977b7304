"""The pages that combine several apps: the home page per role and the navigation context.

A top app (issue 7, item 8): it may import every domain app; ``core`` knows none of them."""
