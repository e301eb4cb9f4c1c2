// Puts items into the chest at `chestPosition`: `itemsToDeposit` is {name: count}.
async function depositItemIntoChest(bot, chestPosition, itemsToDeposit) {
    chestPosition = toVec3(chestPosition, "chestPosition for depositItemIntoChest");
    const chest = await openChestAt(bot, chestPosition);
    try {
        for (const name in itemsToDeposit) {
            const itemType = mcData.itemsByName[name];
            if (!itemType) {
                bot.chat(`No item named ${name}`);
                continue;
            }
            if (!bot.inventory.findInventoryItem(itemType.id, null)) {
                bot.chat(`No ${name} in inventory`);
                continue;
            }
            try {
                await chest.deposit(itemType.id, null, itemsToDeposit[name]);
            } catch (err) {
                bot.chat(`Not enough ${name} in inventory.`);
            }
        }
    } finally {
        await chest.close();
    }
}
