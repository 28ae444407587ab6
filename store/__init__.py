"""The enquiry store: the bot's SQLite file (enquiries, tickets, the outbox), knowing nothing of Telegram."""
from store.contact import mask_contact, normalise_contact
from store.enquiry_store import EnquiryStore

__all__ = ["EnquiryStore", "mask_contact", "normalise_contact"]
