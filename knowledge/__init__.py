"""The agency's knowledge base: YAML files in this folder and the code that loads them."""
from knowledge.model import ASPECTS, Area, Faq, Intent, Item, KnowledgeBase, Program, Source, Text

__all__ = ["ASPECTS", "Area", "Faq", "Intent", "Item", "KnowledgeBase", "Program", "Source", "Text"]
