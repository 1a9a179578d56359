"""Widgets: self-contained pieces of screens; they post messages and never
touch the database."""
