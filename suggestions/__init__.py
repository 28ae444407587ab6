"""Suggestions for the knowledge: `python bot.py suggest` writes a reviewable YAML patch.

    evidence.py   what the enquiry log shows (read-only SQL): suggestions people picked, tickets staff
                  answered, questions left unanswered
    patch.py      the rules that turn evidence into proposals, and the patch file itself
    cases.py      a reviewed patch turned into evaluation cases (regression cases for `bot.py eval`)
"""
