// Bone meal, as vanilla 1.20.4's BoneMealItem: used on a block that can grow
// (serv.onBoneMeal registers what each block does), it is used up whether
// or not the growth chance comes (saplings 45%), and not at all on a block
// that cannot grow any more.
'use strict'

module.exports.server = function (serv) {
  const growers = new Map()

  // grow(world, position, block): false if the block cannot grow any more
  serv.onBoneMeal = (names, grow) => {
    for (const name of names) growers.set(name, grow)
  }

  serv.once('pluginsReady', () => {
    serv.onItemPlace('bone_meal', ({ player, slot, item, clickedBlock }) => {
      const done = apply(player, slot, item, clickedBlock).catch((err) => serv.voyagerLog.error(`bone meal: ${err.stack}`))
      return { id: -1, data: 0, done }
    })
  })

  async function apply (player, slot, item, block) {
    const grow = growers.get(block.name)
    if (!grow || !await grow(player.world, block.position, block)) return
    serv.emit('boneMealUsed', player, block)
    serv.useUpItem(player, slot, item)
  }
}
