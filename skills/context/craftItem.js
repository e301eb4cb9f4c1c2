// craftItem(bot, name, count = 1): do the recipe for `name` `count` times: in the inventory when it fits the 2x2 grid, else at a crafting table within 32 blocks.
// Chats "I cannot make <name> because I need: ..." when ingredients are missing; throws when it needs a table and none is near,
// and when fewer items than the recipe promises reach the inventory.
// await craftItem(bot, "stick", 1);
