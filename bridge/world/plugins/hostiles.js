// Hostile mobs (data/mobs.json "hostile"): zombies, spiders, skeletons,
// creepers and endermen (husks in deserts, strays on snow, drowned in deep
// water) appear in the dark near players as vanilla's natural spawner places
// them: at a random height from the world's bottom to the surface, in caves
// by day and on the surface too at night, never by a torch (block light 0 as
// in vanilla 1.18+); far ones despawn now and then, ones beyond 128 blocks at
// once. They chase
// them around obstacles along A* paths on the block grid, and fight as
// vanilla's do: zombies and spiders hit, skeletons shoot real arrows
// (arrows.js) aimed as vanilla aims them, creepers hiss and explode (hurting
// by distance and breaking blocks). Zombies and skeletons burn in sunlight;
// spiders climb walls; a creeper's swelling shows to clients.
// On peaceful (/difficulty peaceful) none spawn and all are removed.
'use strict'

const { Vec3 } = require('vec3')
const data = require('../data/mobs.json')
const combat = require('../data/combat.json')
const { findPath } = require('../lib/grid-path')
const { createBlockLight } = require('../lib/light')
const { createLandscape } = require('../terrain/landscape')
const { ruleRandom } = require('../lib/random')
const terrain = require('../data/terrain.json')

const TICKS_PER_SECOND = 20
const MIN_Y = -64
const MAX_Y = 319
const AIR = new Set(['air', 'cave_air', 'void_air'])
const REPATH_TICKS = 10
const GRAVITY = 0.08
const TERMINAL_FALL = 3.92
const DIFFICULTIES = ['peaceful', 'easy', 'normal', 'hard']
const DAY_END = 12000
// The generator's sky light is 0 under any roof, leaves included; by day only
// this far below the natural surface is dark enough for hostiles.
const UNDERGROUND_DEPTH = 4
// 1.20.4 creeper metadata: swell direction (-1 idle, 1 swelling)
const CREEPER_STATE_KEY = 16

module.exports.server = function (serv) {
  const { registry } = serv
  const kinds = data.hostile
  const spawns = data.hostile_spawns
  const hostiles = new Set()
  const landscape = createLandscape(serv.voyagerSeed, terrain)
  const aimRandom = ruleRandom(serv.voyagerSeed, 'skeleton aim')
  const spawnRandom = ruleRandom(serv.voyagerSeed, 'hostile spawning')
  const blastRandom = ruleRandom(serv.voyagerSeed, 'explosions')
  let ticks = 0

  const stateIdAt = (x, y, z) => serv.overworld.sync.getBlockStateId(new Vec3(x, y, z))
  const stateAt = (x, y, z) => registry.blocksByStateId[stateIdAt(x, y, z)]
  const blockLightAt = createBlockLight(registry, stateIdAt)
  const isSolid = (x, y, z) => stateAt(x, y, z)?.boundingBox === 'block'
  const isFree = (x, y, z) => {
    const block = stateAt(x, y, z)
    return !!block && block.boundingBox === 'empty' && block.name !== 'lava'
  }
  const loaded = (p) => !!serv.overworld.sync.getColumnAt(p)
  const cell = (p) => ({ x: Math.floor(p.x), y: Math.floor(p.y + 0.01), z: Math.floor(p.z) })
  const horizontal = (a, b) => Math.hypot(a.x - b.x, a.z - b.z)
  const byDifficulty = (values) => values[Math.max(0, (serv.difficulty ?? 1) - 1)]
  const isDay = () => ((serv.time ?? 0) % 24000) < DAY_END
  const isNight = () => {
    const t = (serv.time ?? 0) % 24000
    return t >= spawns.night[0] && t < spawns.night[1]
  }

  function makeHostile (mob) {
    mob.hostile = kinds[mob.name]
    // moved by this plugin alone: flying-squid's physics skips entities without a size
    mob.size = null
    mob.gravity = null
    mob.velocity = new Vec3(0, 0, 0)
    mob.ai = { path: [], repathIn: 0, cooldown: 0, fuse: null, fall: 0, knock: new Vec3(0, 0, 0) }
    mob.onHurt = (direction) => {
      const flat = new Vec3(direction.x, 0, direction.z)
      if (flat.norm() > 0) mob.ai.knock = flat.normalize().scaled(0.4)
      setFuse(mob, null)
    }
    hostiles.add(mob)
  }

  // the nearest player in reach; a neutral mob (endermen.js) chooses its own
  function targetOf (mob) {
    if (mob.pickTarget) return mob.pickTarget()
    let best = null
    for (const player of serv.players) {
      if (player.world !== mob.world || player.health <= 0 || player.gameMode !== 0) continue
      const d = player.position.distanceTo(mob.position)
      if (d <= mob.hostile.follow_range && (!best || d < best.d)) best = { player, d }
    }
    return best?.player ?? null
  }

  function lineOfSight (from, to) {
    const delta = to.minus(from)
    const steps = Math.ceil(delta.norm() / 0.3)
    for (let i = 1; i < steps; i++) {
      const p = from.plus(delta.scaled(i / steps))
      if (isSolid(Math.floor(p.x), Math.floor(p.y), Math.floor(p.z))) return false
    }
    return true
  }

  // One tick of movement: knockback, falling, then a step along the path.
  function move (mob, target, wantsToMove) {
    const ai = mob.ai
    const pos = mob.position.clone()
    if (ai.knock.norm() > 0.01) {
      const next = pos.plus(ai.knock)
      const c = cell(next)
      if (isFree(c.x, c.y, c.z) && isFree(c.x, c.y + 1, c.z)) pos.update(next)
      ai.knock.scale(0.6)
    }
    const c = cell(pos)
    const onGround = isSolid(c.x, c.y - 1, c.z) && pos.y - c.y < 0.05
    if (mob.hostile.swims && stateAt(c.x, c.y, c.z)?.name === 'water') {
      ai.fall = 0
      if (wantsToMove && target) swim(mob, pos, target)
    } else if (!onGround && isClimbing(mob, pos)) {
      ai.fall = 0
      if (wantsToMove && target) followPath(mob, pos, target)
    } else if (!onGround) {
      ai.fall = Math.min(ai.fall + GRAVITY, TERMINAL_FALL)
      let y = pos.y - ai.fall
      for (let by = c.y - 1; by >= Math.floor(y); by--) {
        if (isSolid(c.x, by, c.z)) {
          y = by + 1
          ai.fall = 0
          break
        }
      }
      pos.y = y
    } else {
      pos.y = c.y
      ai.fall = 0
      if (wantsToMove && target) followPath(mob, pos, target)
    }
    if (target) faceTowards(mob, target.position)
    if (!pos.equals(mob.position)) mob.sendPosition(pos, onGround)
  }

  function followPath (mob, pos, target) {
    const ai = mob.ai
    if (ai.repathIn-- <= 0 || ai.path.length === 0) {
      ai.path = findPath(cell(pos), cell(target.position), { isSolid, isFree, climb: mob.hostile.climbs ?? 0 })
      ai.repathIn = REPATH_TICKS
    }
    const next = ai.path[0]
    if (!next) return
    const step = mob.hostile.speed / TICKS_PER_SECOND
    if (next.y > cell(pos).y + 1) {
      // climbing a wall: up first, at walking speed, then over the edge
      pos.y = Math.min(next.y, pos.y + step)
      return
    }
    if (next.y > cell(pos).y) pos.y = next.y
    const goal = new Vec3(next.x + 0.5, pos.y, next.z + 0.5)
    const d = horizontal(pos, goal)
    if (d <= step) {
      pos.x = goal.x
      pos.z = goal.z
      ai.path.shift()
    } else {
      pos.x += (goal.x - pos.x) / d * step
      pos.z += (goal.z - pos.z) / d * step
    }
  }

  // straight through the water towards the target, at swimming speed, and
  // up onto a bank one block high, as vanilla's drowned jump out of the water
  function swim (mob, pos, target) {
    const toward = target.position.minus(pos)
    const d = toward.norm()
    if (d < 0.5) return
    const next = pos.plus(toward.scaled(Math.min(d, mob.hostile.swims.speed / TICKS_PER_SECOND) / d))
    const c = cell(next)
    if (!isSolid(c.x, c.y, c.z) && !isSolid(c.x, c.y + 1, c.z)) pos.update(next)
    else if (!isSolid(c.x, c.y + 1, c.z) && !isSolid(c.x, c.y + 2, c.z)) pos.update(new Vec3(next.x, c.y + 1, next.z))
  }

  // A spider on its way up a wall, or at its top, holds on beside it instead of falling.
  function isClimbing (mob, pos) {
    const next = mob.ai.path[0]
    if (!mob.hostile.climbs || !next) return false
    const below = next.y - Math.floor(pos.y + 0.01)
    return below >= 0 && below <= mob.hostile.climbs && isSolid(next.x, next.y - 1, next.z) &&
      horizontal(pos, new Vec3(next.x + 0.5, 0, next.z + 0.5)) < 1.5
  }

  function faceTowards (mob, point) {
    const yaw = Math.atan2(-(point.x - mob.position.x), point.z - mob.position.z) * 180 / Math.PI
    mob.yaw = ((Math.floor(yaw / 360 * 256) & 255) ^ 128) - 128
  }

  function hurtPlayer (player, damage, from, cause, entity = null) {
    player.hurt?.(damage, cause, { position: from, entity })
    const push = new Vec3(player.position.x - from.x, 0, player.position.z - from.z)
    if (push.norm() > 0) push.normalize().scale(0.4)
    // entity_velocity is in 1/8000 block per tick
    player._client.write('entity_velocity', { entityId: player.id, velocity: { x: Math.round(push.x * 8000), y: 3000, z: Math.round(push.z * 8000) } })
  }

  function melee (mob, target, distance) {
    const rules = mob.hostile.melee
    const close = distance <= rules.reach && Math.abs(target.position.y - mob.position.y) < 1.5
    if (close && mob.ai.cooldown <= 0) {
      mob._writeOthersNearby('animation', { entityId: mob.id, animation: 0 })
      hurtPlayer(target, byDifficulty(rules.damage), mob.position, mob.name, mob)
      mob.ai.cooldown = rules.cooldown_ticks
    }
    return !close
  }

  function ranged (mob, target, distance) {
    const rules = mob.hostile.ranged
    const eye = mob.position.offset(0, 1.5, 0)
    const aim = target.position.offset(0, 1.2, 0)
    const seen = lineOfSight(eye, aim)
    if (seen && distance <= rules.range && mob.ai.cooldown <= 0) {
      shoot(mob, target)
      mob.ai.cooldown = rules.cooldown_ticks
    }
    return !(seen && distance <= rules.keep_distance)
  }

  // vanilla AbstractSkeleton.performRangedAttack: aimed a third up the target,
  // raised by a fifth of the distance against the drop, spread less on harder difficulties
  function shoot (mob, target) {
    const shot = combat.skeleton_arrow
    const difficulty = serv.difficulty ?? 1
    const from = mob.position.offset(0, registry.entitiesByName[mob.name].height * 0.85 - 0.1, 0)
    const d = target.position.offset(0, 1.8 / 3, 0).minus(from)
    const horizontalDistance = Math.hypot(d.x, d.z)
    const spread = () => aimRandom.triangle(0, 0.0172275 * (14 - difficulty * 4))
    const velocity = new Vec3(d.x, d.y + horizontalDistance * 0.2, d.z).normalize().offset(spread(), spread(), spread()).scaled(shot.speed)
    const baseDamage = shot.power * 2 + aimRandom.triangle(difficulty * 0.11, 0.57425)
    serv.shootArrow({ shooter: mob, world: mob.world, from, velocity, baseDamage })
  }

  function fuse (mob, target, distance) {
    const rules = mob.hostile.explodes
    const ai = mob.ai
    if (ai.fuse === null && distance <= rules.trigger) setFuse(mob, 0)
    if (ai.fuse === null) return true
    if (distance > rules.cancel_beyond) {
      setFuse(mob, null)
      return true
    }
    if (++ai.fuse >= rules.fuse_ticks) explode(mob, rules.power)
    return false
  }

  // fuse: ticks since the creeper began to swell, or null when it is calm
  function setFuse (mob, fuse) {
    const swelling = fuse !== null
    if (mob.hostile.explodes && swelling !== (mob.ai.fuse !== null)) {
      mob.setVoyagerMetadata?.([{ key: CREEPER_STATE_KEY, type: 'int', value: swelling ? 1 : -1 }])
    }
    mob.ai.fuse = fuse
  }

  // Vanilla explosion damage by distance; blocks with low blast resistance break.
  function explode (mob, power) {
    const center = mob.position.offset(0, 0.5, 0)
    hostiles.delete(mob)
    mob.health = 0
    serv.destroyEntity(mob)
    for (const player of serv.players) {
      const d = player.position.offset(0, 0.9, 0).distanceTo(center)
      if (player.world !== mob.world || d >= 2 * power) continue
      const impact = 1 - d / (2 * power)
      hurtPlayer(player, scaleForDifficulty(Math.floor((impact * impact + impact) / 2 * 7 * 2 * power + 1)), center, 'explosion')
    }
    const r = Math.ceil(power)
    for (let dx = -r; dx <= r; dx++) {
      for (let dy = -r; dy <= r; dy++) {
        for (let dz = -r; dz <= r; dz++) {
          const p = center.offset(dx, dy, dz).floored()
          const block = stateAt(p.x, p.y, p.z)
          if (!block || block.boundingBox === 'empty' || (block.resistance ?? 0) >= 10 || block.name === 'bedrock') continue
          if (Math.hypot(dx, dy, dz) > power * (0.7 + 0.6 * blastRandom.next())) continue
          serv.breakBlock(mob.world, p, { drop: blastRandom.chance(1 / power) }).catch((err) => serv.voyagerLog.error(`explosion: ${err.stack}`))
        }
      }
    }
    serv.emit('mobExploded', mob, center)
  }

  function scaleForDifficulty (damage) {
    if (serv.difficulty === 1) return Math.min(damage / 2 + 1, damage)
    if (serv.difficulty === 3) return damage * 1.5
    return damage
  }

  function burnInSunlight (mob) {
    if (!mob.hostile.burns_in_daylight || !isDay() || ticks % TICKS_PER_SECOND !== 0) return
    const feet = cell(mob.position)
    if (stateAt(feet.x, feet.y, feet.z)?.name === 'water') return
    if (canSeeSky(mob.position.offset(0, 1.6, 0).floored())) mob.takeDamage({ damage: 1 })
  }

  // vanilla Level.canSeeSky: nothing but air above (its WORLD_SURFACE height map)
  function canSeeSky (p) {
    for (let y = p.y; y <= MAX_Y; y++) {
      if (!AIR.has(stateAt(p.x, y, p.z)?.name)) return false
    }
    return true
  }

  function tickMob (mob) {
    if (!loaded(mob.position)) return
    const target = targetOf(mob)
    if (mob.ai.cooldown > 0) mob.ai.cooldown--
    let wantsToMove = false
    if (target) {
      const distance = horizontal(mob.position, target.position)
      if (mob.hostile.melee) wantsToMove = melee(mob, target, distance)
      else if (mob.hostile.ranged) wantsToMove = ranged(mob, target, distance)
      else if (mob.hostile.explodes) wantsToMove = fuse(mob, target, distance)
    }
    if (!hostiles.has(mob)) return
    move(mob, target, wantsToMove)
    burnInSunlight(mob)
  }

  // vanilla NaturalSpawner: a random column around the player, a random height
  // up to its surface, at least 24 blocks from the player; the spot must
  // already suit the mob, else this try is lost
  function trySpawn (player) {
    const near = [...hostiles].filter((mob) => mob.position.distanceTo(player.position) < spawns.despawn_beyond)
    if (near.length >= spawns.cap_per_player) return
    const reach = spawns.horizontal_range
    const x = Math.floor(player.position.x) + spawnRandom.int(-reach, reach)
    const z = Math.floor(player.position.z) + spawnRandom.int(-reach, reach)
    if (!loaded(new Vec3(x, 0, z))) return
    const column = landscape.column(x, z)
    const choices = spawns.biomes[column.biomeName] ?? spawns.kinds
    if (Object.keys(choices).length === 0) return
    const kind = spawnRandom.pick(choices)
    const y = spawnRandom.int(MIN_Y, Math.max(column.height, column.water ?? MIN_Y) + 1)
    if (player.position.distanceTo(new Vec3(x + 0.5, y, z + 0.5)) < spawns.min_distance) return
    const fits = kind === 'drowned' ? fitsDrowned(x, y, z, column) : fitsOnGround(x, y, z)
    if (fits) serv.summonMob(kind, player.world, new Vec3(x + 0.5, y, z + 0.5))
  }

  function fitsOnGround (x, y, z) {
    return isSolid(x, y - 1, z) && isFree(x, y, z) && isFree(x, y + 1, z) &&
      stateAt(x, y, z).name !== 'water' && isDark(x, y, z)
  }

  // vanilla Drowned.checkDrownedSpawnRules: in water, deep below sea level
  // outside rivers, and then only one try in 15 (rivers) or 40
  function fitsDrowned (x, y, z, column) {
    const rules = spawns.drowned
    if (stateAt(x, y, z)?.name !== 'water' || stateAt(x, y + 1, z)?.name !== 'water' || !isDark(x, y, z)) return false
    if (column.river) return spawnRandom.int(1, rules.river_one_in) === 1
    return y < landscape.seaLevel - rules.below_sea_level && spawnRandom.int(1, rules.other_one_in) === 1
  }

  function isDark (x, y, z) {
    const noSky = isNight() || (serv.overworld.sync.getSkyLight(new Vec3(x, y, z)) === 0 && y <= landscape.column(x, z).height - UNDERGROUND_DEPTH)
    return noSky && blockLightAt(x, y, z) === 0
  }

  // vanilla Mob.checkDespawn: gone beyond 128 blocks, now and then beyond 32
  function despawn (mob) {
    let nearest = Infinity
    for (const p of serv.players) if (p.world === mob.world) nearest = Math.min(nearest, p.position.distanceTo(mob.position))
    const chance = 1 - Math.pow(1 - 1 / spawns.random_despawn_one_in, TICKS_PER_SECOND)
    if (nearest < spawns.despawn_beyond && !(nearest > spawns.random_despawn_beyond && spawnRandom.chance(chance))) return false
    hostiles.delete(mob)
    serv.destroyEntity(mob)
    return true
  }

  function removeAll () {
    for (const mob of hostiles) serv.destroyEntity(mob)
    hostiles.clear()
  }

  // mobs.js (loaded before) summons every mob; hostile ones get their AI here
  const summon = serv.summonMob
  serv.summonMob = (name, world, position, options) => {
    if (kinds[name] && serv.difficulty === 0) return null
    const mob = summon(name, world, position, options)
    if (kinds[name]) makeHostile(mob)
    return mob
  }

  serv.once('pluginsReady', () => {
    serv.commands.add({
      base: 'difficulty',
      aliases: ['diff'],
      info: 'set the difficulty (peaceful removes hostile mobs)',
      usage: '/difficulty <peaceful|easy|normal|hard|0-3>',
      op: true,
      parse (str) {
        const word = str.trim().toLowerCase()
        const level = /^[0-3]$/.test(word) ? Number(word) : DIFFICULTIES.indexOf(word)
        return level >= 0 ? { level } : false
      },
      action ({ level }) {
        serv.difficulty = level
        serv._writeAll('difficulty', { difficulty: level, difficultyLocked: false })
        if (level === 0) removeAll()
        return `The difficulty has been set to ${DIFFICULTIES[level]}`
      }
    })
  })

  serv.on('tick', () => {
    ticks++
    for (const mob of hostiles) {
      if (mob.destroyed || mob.health <= 0) {
        hostiles.delete(mob)
        continue
      }
      if (ticks % TICKS_PER_SECOND === 0 && despawn(mob)) continue
      tickMob(mob)
    }
    if (serv.difficulty === 0 || serv.gamerules?.doMobSpawning === false) return
    for (const player of serv.players) {
      if (player.gameMode !== 0 || player.health <= 0) continue
      for (let i = 0; i < spawns.tries_per_tick; i++) trySpawn(player)
    }
  })
}
