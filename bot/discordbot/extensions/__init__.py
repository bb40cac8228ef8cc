"""One feature per extension; `bot.discordbot.client.EXTENSIONS` lists what is loaded."""
