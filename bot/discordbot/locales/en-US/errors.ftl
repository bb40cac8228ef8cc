# Refusals and errors, always shown privately to the one who asked.

error-unexpected = Something went wrong on our side; it has been logged. Please try again later.
error-cooldown = Slow down a little: try again in { $seconds } s.
error-servers-only = This command works in servers only.
error-missing-permissions = You need the { $permissions } permission to do that.
error-bot-missing-permissions = I need the { $permissions } permission here to do that.
error-not-allowed = You are not allowed to do that.
error-invalid-value = That value is not valid here.
error-not-moderator = You need the { $permissions } { $count ->
        [one] permission
       *[other] permissions
    } or a moderator role to do that.
error-not-owner = Only the bot's owner can do that.
error-store-closed = subscriptions and watches are not available right now
error-cluster-down = the bot's shared state is not available right now

# Buttons answer only the person who asked.
refusal-buttons = Only the person who asked can use these buttons.

# Discord's permissions, as Discord's own menus name them.
permission-administrator = Administrator
permission-manage_guild = Manage Server
permission-manage_channels = Manage Channels
permission-view_channel = View Channel
permission-send_messages = Send Messages
permission-send_messages_in_threads = Send Messages In Threads
permission-embed_links = Embed Links
permission-attach_files = Attach Files
permission-read_message_history = Read Message History
error-restarting = TrainedOn is restarting: please try again in a few seconds.
