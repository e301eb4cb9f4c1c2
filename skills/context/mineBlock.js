// mineBlock(bot, name, count = 1): mine `count` blocks named `name` within 32 blocks, nearest first, and pick up the drops.
// Chats "No <name> nearby, please explore first" when there is none; explore first.
// await mineBlock(bot, "oak_log", 3);
