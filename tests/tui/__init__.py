"""Tests that drive the real app (Textual Pilot)."""
