// Breeding and growing up as vanilla 1.20.4 (data/animals.json "breeding"):
// an adult cow, sheep, pig or chicken fed its food goes into love mode for
// 600 ticks (hearts); two of a kind in love within 8 blocks walk to each other
// and, after courting for 3 seconds side by side, a baby appears. The parents
// then wait 6000 ticks before they can breed again. A baby grows up after
// 24000 ticks; feeding it takes a tenth off what is left.
'use strict'

const { breeding: rules } = require('../data/animals.json')
const { ruleRandom } = require('../lib/random')

// 1.20.4 ageable mob metadata: is a baby
const BABY_KEY = 16
const LOVE_STATUS = 18

module.exports.server = function (serv) {
  const random = ruleRandom(serv.voyagerSeed, 'breeding')
  const animals = new Set()

  const summon = serv.summonMob
  serv.summonMob = (name, world, position, options) => {
    const mob = summon(name, world, position, options)
    if (!mob || !rules.food[mob.name]) return mob
    mob.state.age = mob.state.age ?? 0
    mob.state.love = mob.state.love ?? 0
    mob.courtship = 0
    mob.partner = null
    if (mob.state.age < 0) showBaby(mob, true)
    animals.add(mob)
    return mob
  }

  function showBaby (mob, baby) {
    mob.setVoyagerMetadata([{ key: BABY_KEY, type: 'boolean', value: baby }])
  }

  serv.onEntityInteraction(({ player, entity, slot, item, itemName }) => {
    if (!animals.has(entity) || !rules.food[entity.name].includes(itemName)) return false
    if (entity.state.age === 0 && entity.state.love <= 0) {
      entity.state.love = rules.love_ticks
      entity._writeOthersNearby('entity_status', { entityId: entity.id, entityStatus: LOVE_STATUS })
    } else if (entity.state.age < 0) {
      entity.state.age += Math.floor(-entity.state.age / 20 * rules.baby_speeds_up_by_feeding) * 20
    } else {
      return false
    }
    if (player.gameMode !== 1) player.inventory.updateSlot(slot, serv.voyagerItems.copy(item, item.count - 1))
    return true
  })

  function grow (mob) {
    if (mob.state.age < 0 && ++mob.state.age === 0) showBaby(mob, false)
    else if (mob.state.age > 0) mob.state.age--
  }

  function findPartner (mob) {
    let best = null
    for (const other of animals) {
      if (other === mob || other.name !== mob.name || other.state.love <= 0 || other.world !== mob.world) continue
      if (other.partner && other.partner !== mob) continue
      const d = other.position.distanceTo(mob.position)
      if (d <= rules.find_partner_within && (!best || d < best.d)) best = { other, d }
    }
    return best?.other ?? null
  }

  function court (mob) {
    const partner = mob.partner
    if (!partner || partner.destroyed || partner.health <= 0 || partner.state.love <= 0) return leave(mob)
    const toPartner = partner.position.minus(mob.position)
    const d = toPartner.norm()
    if (d > rules.find_partner_within) return leave(mob)
    mob.steeredBy = 'breeding'
    const step = d > 1 ? toPartner.scaled(rules.walk_speed / d) : toPartner.scaled(0)
    mob.velocity.x = step.x
    mob.velocity.z = step.z
    if (d >= rules.mate_within) return
    if (++mob.courtship >= rules.courtship_ticks) breed(mob, partner)
  }

  function leave (mob) {
    mob.partner = null
    mob.courtship = 0
    if (mob.steeredBy === 'breeding') mob.steeredBy = null
  }

  function breed (mob, partner) {
    const state = { age: rules.baby_age_ticks }
    if (mob.state.colour) state.colour = random.chance(0.5) ? mob.state.colour : partner.state.colour
    const baby = serv.summonMob(mob.name, mob.world, mob.position.clone(), { state })
    for (const parent of [mob, partner]) {
      parent.state.love = 0
      parent.state.age = rules.parent_cooldown_ticks
      leave(parent)
    }
    serv.emit('animalsBred', mob, partner, baby)
  }

  serv.on('tick', () => {
    for (const mob of animals) {
      if (mob.destroyed || mob.health <= 0) {
        animals.delete(mob)
        continue
      }
      grow(mob)
      if (mob.state.love <= 0) continue
      if (--mob.state.love === 0) {
        leave(mob)
        continue
      }
      if (!mob.partner) mob.partner = findPartner(mob)
      if (mob.partner) court(mob)
    }
  })
}
