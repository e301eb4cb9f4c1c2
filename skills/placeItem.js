// Blocks that open or toggle on a click instead of taking a block placed against them.
const CLICK_TO_USE = /chest|furnace|smoker|_table|barrel|anvil|door|gate|_bed|button|lever|hopper|dispenser|dropper|brewing_stand|shulker_box/;

// Places the block item `name` at `position`, against any solid neighbour
// (one that opens on a click only if nothing else is there, and then crouching, as a player does).
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
    const neighbours = faces
        .map((direction) => ({ block: bot.blockAt(position.minus(direction)), face: direction }))
        .filter(({ block }) => block && block.boundingBox === "block");
    const { block: reference, face } = neighbours.find(({ block }) => !CLICK_TO_USE.test(block.name)) || neighbours[0] || {};
    if (!reference) {
        noteFailure(bot, "placeItem", `No block to place ${name} on. You cannot place a floating block.`,
            "you cannot place a floating block");
        return;
    }
    bot.chat(`Placing ${name} on ${reference.name} at ${reference.position}`);
    const crouch = CLICK_TO_USE.test(reference.name);
    try {
        await bot.pathfinder.goto(new GoalPlaceBlock(position, bot.world, {}));
        await bot.equip(item, "hand");
        if (crouch) bot.setControlState("sneak", true);
        await bot.placeBlock(reference, face);
    } catch (err) {
        if (bot.inventory.count(itemType.id) === countBefore) {
            noteFailure(bot, "placeItem", `Error placing ${name}: ${err.message}, please find another position to place`,
                "please find another position to place");
            return;
        }
    } finally {
        if (crouch) bot.setControlState("sneak", false);
    }
    bot.chat(`Placed ${name}`);
    bot.save(`${name}_placed`);
}
