// placeItem(bot, name, position): place the block item `name` at `position` (a Vec3) next to a solid block.
// await placeItem(bot, "crafting_table", bot.entity.position.offset(1, 0, 0));
