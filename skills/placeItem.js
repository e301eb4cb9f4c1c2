// Places the block item `name` at `position`, against any solid neighbour.
async function placeItem(bot, name, position) {
    requireType(name, "string", "name for placeItem");
    position = toVec3(position, "position for placeItem");
    const itemType = mcData.itemsByName[name];
    if (!itemType) {
        throw new Error(`No item named ${name}`);
    }
    const item = bot.inventory.findInventoryItem(itemType.id);
    if (!item) {
        bot.chat(`No ${name} in inventory`);
        return;
    }
    const countBefore = bot.inventory.count(itemType.id);
    const faces = [
        new Vec3(0, 1, 0), new Vec3(0, -1, 0), new Vec3(1, 0, 0),
        new Vec3(-1, 0, 0), new Vec3(0, 0, 1), new Vec3(0, 0, -1),
    ];
    let reference = null;
    let face = null;
    for (const direction of faces) {
        const block = bot.blockAt(position.minus(direction));
        if (block && block.boundingBox === "block") {
            reference = block;
            face = direction;
            bot.chat(`Placing ${name} on ${block.name} at ${block.position}`);
            break;
        }
    }
    if (!reference) {
        noteFailure(bot, "placeItem", `No block to place ${name} on. You cannot place a floating block.`,
            "you cannot place a floating block");
        return;
    }
    try {
        await bot.pathfinder.goto(new GoalPlaceBlock(position, bot.world, {}));
        await bot.equip(item, "hand");
        await bot.placeBlock(reference, face);
    } catch (err) {
        if (bot.inventory.count(itemType.id) === countBefore) {
            noteFailure(bot, "placeItem", `Error placing ${name}: ${err.message}, please find another position to place`,
                "please find another position to place");
            return;
        }
    }
    bot.chat(`Placed ${name}`);
    bot.save(`${name}_placed`);
}
