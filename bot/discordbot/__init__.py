"""The Discord layer: the bot, its extensions, views and embed rendering.

Nothing below `bot/` outside this package imports discord.py; search, index and storage can
be read, run and tested without it.
"""
