"""Running the bot for real: start-up against the Bot API, logging, webhooks, status and backups.

Each module is one concern of operating the bot; bot.py wires them into its command line.
"""
