// Takes items from the chest at `chestPosition`: `itemsToGet` is {name: count}.
async function getItemFromChest(bot, chestPosition, itemsToGet) {
    chestPosition = toVec3(chestPosition, "chestPosition for getItemFromChest");
    const chest = await openChestAt(bot, chestPosition);
    try {
        for (const name in itemsToGet) {
            const itemType = mcData.itemsByName[name];
            if (!itemType) {
                bot.chat(`No item named ${name}`);
                continue;
            }
            if (!chest.findContainerItem(itemType.id, null)) {
                bot.chat(`I don't see ${name} in this chest`);
                continue;
            }
            try {
                await chest.withdraw(itemType.id, null, itemsToGet[name]);
            } catch (err) {
                bot.chat(`Not enough ${name} in chest.`);
            }
        }
    } finally {
        await chest.close();
    }
}
