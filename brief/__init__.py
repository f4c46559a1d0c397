"""brief: a terminal reader for foreign-language news, Arabic first."""

__version__ = "0.1.0"
