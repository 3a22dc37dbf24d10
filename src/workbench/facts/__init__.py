"""The checkable facts of a sentence: read from Chinese, rendered in house style, found again in English.

``extract`` reads a Traditional-Chinese sentence; ``find_quantities`` and ``find_tickers`` read an English
draft, so a check can compare the two by exact value instead of by digit strings (3.08億 is 308 million).
"""

from workbench.facts.chinese import extract
from workbench.facts.english import Quantity, find_quantities, find_tickers
from workbench.facts.style import Style

__all__ = ["Quantity", "Style", "extract", "find_quantities", "find_tickers"]
