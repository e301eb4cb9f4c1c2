'use strict'
// A defect of mineflayer-tool 1.2.0 (the latest release), fixed on the bot's
// tool plugin after it is loaded; mineflayer-collectblock calls it before
// every dig.
//
// - equipForBlock with requireHarvest and getFromChest, and no tool in the
//   inventory that harvests the block, fetches tools from the chests it knows;
//   with none known it fetches nothing, raises nothing and calls itself again,
//   forever, in microtasks: the bot process stalled (no heartbeat for 15 s)
//   while its heap grew to hundreds of MB. collectblock asks exactly that, so
//   mining stone or an ore by hand hung the bot. With no chest known it now
//   fails at once as it does without getFromChest: "Bot does not have a
//   harvestable tool!".

function fixTool (bot) {
  const equipForBlock = bot.tool.equipForBlock.bind(bot.tool)
  bot.tool.equipForBlock = (block, options = {}, cb) => {
    const fromChest = Boolean(options.getFromChest) && bot.tool.chestLocations.length > 0
    return equipForBlock(block, { ...options, getFromChest: fromChest }, cb)
  }
}

module.exports = { fixTool }
