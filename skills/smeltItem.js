// Smelts `count` of `itemName` with `fuelName` in a furnace within 32 blocks.
// One item cooks in 10 s; a busy server takes longer, so each waits up to 40 s.
const SMELT_WAIT_TICKS = 40 * 20;

async function smeltItem(bot, itemName, fuelName, count = 1) {
    requireType(itemName, "string", "itemName for smeltItem");
    requireType(fuelName, "string", "fuelName for smeltItem");
    requireType(count, "number", "count for smeltItem");
    const item = mcData.itemsByName[itemName];
    const fuel = mcData.itemsByName[fuelName];
    if (!item) {
        throw new Error(`No item named ${itemName}`);
    }
    if (!fuel) {
        throw new Error(`No item named ${fuelName}`);
    }
    const furnaceBlock = bot.findBlock({ matching: mcData.blocksByName.furnace.id, maxDistance: 32 });
    if (!furnaceBlock) {
        throw new Error("No furnace nearby: place a furnace first");
    }
    await walkTo(bot, new GoalLookAtBlock(furnaceBlock.position, bot.world),
        `the furnace at ${furnaceBlock.position}`, "Place a furnace near you.");
    const furnace = await withTimeLimit(bot.openFurnace(furnaceBlock), 10, "the furnace did not open");
    let smelted = 0;
    try {
        for (let i = 0; i < count; i++) {
            if (!bot.inventory.findInventoryItem(item.id, null)) {
                bot.chat(`No ${itemName} to smelt in inventory`);
                break;
            }
            if (furnace.fuelSeconds < 15 && furnace.fuelItem()?.name !== fuelName) {
                if (!bot.inventory.findInventoryItem(fuel.id, null)) {
                    bot.chat(`No ${fuelName} as fuel in inventory`);
                    break;
                }
                await furnace.putFuel(fuel.id, null, 1);
                await bot.waitForTicks(20);
                if (!furnace.fuel && furnace.fuelItem()?.name !== fuelName) {
                    throw new Error(`${fuelName} is not a valid fuel`);
                }
            }
            await furnace.putInput(item.id, null, 1);
            for (let tick = 0; tick < SMELT_WAIT_TICKS && !furnace.outputItem(); tick += 20) {
                await bot.waitForTicks(20);
            }
            if (!furnace.outputItem()) {
                throw new Error(`${itemName} is not a valid input`);
            }
            await furnace.takeOutput();
            smelted++;
        }
    } finally {
        furnace.close();
    }
    if (smelted > 0) {
        bot.chat(`Smelted ${smelted} ${itemName}.`);
        bot.save(`${itemName}_smelted`);
    } else {
        noteFailure(bot, "smeltItem", `Failed to smelt ${itemName}, please check the fuel and input.`,
            "please check the fuel and input");
    }
}
