// Chickens lay eggs as vanilla 1.20.4 does: every adult drops an egg after a
// random 6000 to 12000 ticks (data/animals.json "chicken"), then starts over.
'use strict'

const { chicken: rules } = require('../data/animals.json')
const { ruleRandom } = require('../lib/random')

module.exports.server = function (serv) {
  const random = ruleRandom(serv.voyagerSeed, 'chicken eggs')
  const chickens = new Set()
  const nextEgg = () => random.int(rules.egg_ticks[0], rules.egg_ticks[1])

  const summon = serv.summonMob
  serv.summonMob = (name, world, position, options) => {
    const mob = summon(name, world, position, options)
    if (mob?.name !== 'chicken') return mob
    mob.state.eggTicks = mob.state.eggTicks ?? nextEgg()
    chickens.add(mob)
    return mob
  }

  function lay (chicken) {
    serv.playSound('entity.chicken.egg', chicken.world, chicken.position, { soundCategory: 'neutral' })
    serv.spawnItemEntity(chicken.world, chicken.position.offset(0, 0.3, 0), serv.voyagerItems.make('egg'))
    chicken.state.eggTicks = nextEgg()
  }

  serv.on('tick', () => {
    for (const chicken of chickens) {
      if (chicken.destroyed || chicken.health <= 0) chickens.delete(chicken)
      else if (!(chicken.state.age < 0) && --chicken.state.eggTicks <= 0) lay(chicken)
    }
  })
}
