"""Recordings for slides: File → Record… in the window and `--record` headless."""
