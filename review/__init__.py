"""Reviewing the enquiries outside Telegram: `python bot.py enquiries ...` (cli.py), the CSV/XLSX exports
(export.py) and the grouping of unanswered questions with where in the knowledge they belong
(clusters.py, unanswered.py). It reads the store; the store itself only keeps the data.
"""
