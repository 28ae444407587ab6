"""The agency's knowledge base: YAML files in this folder and the code that loads them."""
from knowledge.model import ASPECTS, Area, Faq, Intent, Item, KnowledgeBase, Program, Source, Text
from knowledge.loader import KnowledgeError, Problem, load, load_or_raise

__all__ = ["ASPECTS", "Area", "Faq", "Intent", "Item", "KnowledgeBase", "KnowledgeError", "Problem", "Program",
           "Source", "Text", "load", "load_or_raise"]
