// smeltItem(bot, itemName, fuelName, count = 1): smelt `count` `itemName` with `fuelName` in a furnace within 32 blocks (throws if none).
// await smeltItem(bot, "raw_iron", "coal", 3);
