// Opens the chest at `chestPosition`, chats what it holds (the observation's
// nearbyChests remembers it too) and closes it again.
async function checkItemInsideChest(bot, chestPosition) {
    chestPosition = toVec3(chestPosition, "chestPosition for checkItemInsideChest");
    const chest = await openChestAt(bot, chestPosition);
    try {
        bot.chat(`The chest at ${chestPosition} holds ${describeContents(chest)}`);
    } finally {
        await chest.close();
    }
}
