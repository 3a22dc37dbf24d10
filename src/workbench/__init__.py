"""Bilingual translation and localisation workbench for Hong Kong financial news."""

__version__ = "0.1.0"
