"""Infrastructure: the workspace store (SQLite). Not domain: the model never imports it."""
