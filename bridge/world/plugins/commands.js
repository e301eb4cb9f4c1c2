// Operator commands a survival agent and its tests need, done the vanilla way:
// /give (full stacks, the server's inventory), /clear, /summon (any mob),
// /gamerule (keepInventory, doDaylightCycle, doMobSpawning, randomTickSpeed), /inventory,
// which prints the server-side inventory so tests can compare it with the
// client's, and tab completion.
'use strict'

const { Vec3 } = require('vec3')
const UserError = require('flying-squid').UserError

module.exports.server = function (serv, settings) {
  const { registry } = serv
  const emit = settings.voyager.emit ?? (() => {})
  const defaults = { keepInventory: false, doDaylightCycle: true, doMobSpawning: true, randomTickSpeed: 3 }
  const rules = serv.worldStore.section('gamerules', {})
  for (const [rule, value] of Object.entries(defaults)) if (!(rule in rules)) rules[rule] = value
  // --keep-inventory: what the starter asks wins over what the world saved
  if (typeof settings.voyager.keepInventory === 'boolean') rules.keepInventory = settings.voyager.keepInventory

  function targets (selector, ctx) {
    if (!selector) {
      if (!ctx.player) throw new UserError('name a player')
      return [ctx.player]
    }
    const players = serv.getPlayers(selector, ctx.player)
    if (players.length === 0) throw new UserError(`no player matches ${selector}`)
    return players
  }

  serv.once('pluginsReady', () => {
    serv.doDaylightCycle = rules.doDaylightCycle

    serv.commands.add({
      base: 'give',
      info: 'give items to players',
      usage: '/give <player> <item> [count]',
      op: true,
      parse (str, ctx) {
        const [selector, itemName, countText] = str.split(' ')
        if (!selector || !itemName) return false
        const name = itemName.replace(/^minecraft:/, '')
        if (!registry.itemsByName[name]) throw new UserError(`unknown item ${itemName}`)
        const count = countText === undefined ? 1 : Number(countText)
        if (!Number.isInteger(count) || count < 1 || count > 6400) throw new UserError('count must be 1 to 6400')
        return { players: targets(selector, ctx), name, count }
      },
      action ({ players, name, count }) {
        for (const player of players) giveItems(player, name, count)
        return `Gave ${count} ${name}`
      }
    })

    serv.commands.add({
      base: 'clear',
      info: 'empty inventories',
      usage: '/clear [player]',
      op: true,
      parse: (str, ctx) => ({ players: targets(str.trim(), ctx) }),
      action ({ players }) {
        for (const player of players) clearInventory(player)
        return `Cleared ${players.length} inventor${players.length === 1 ? 'y' : 'ies'}`
      }
    })

    // From a player: the answer comes as chat. From the console (`inventory NAME`):
    // as a JSON line {"event":"inventory","player","slots"} on stdout.
    serv.commands.add({
      base: 'inventory',
      info: 'print the server-side inventory (for tests)',
      usage: '/inventory [player]',
      parse: (str, ctx) => ({ players: targets(str.trim(), ctx), console: !ctx.player }),
      action ({ players, console }) {
        for (const player of players) {
          const slots = {}
          player.inventory.slots.forEach((item, slot) => {
            if (item && slot > 0) slots[slot] = `${registry.items[item.type].name} x${item.count}`
          })
          if (console) emit({ event: 'inventory', player: player.username, slots })
          else player.chat('inventory ' + JSON.stringify(slots))
        }
      }
    })

    serv.commands.add({
      base: 'gamerule',
      info: 'set a game rule',
      usage: '/gamerule <keepInventory|doDaylightCycle|doMobSpawning|randomTickSpeed> [true|false|number]',
      op: true,
      parse (str) {
        const [rule, value] = str.split(' ')
        if (!(rule in rules)) throw new UserError(`unknown game rule ${rule}; known: ${Object.keys(rules).join(', ')}`)
        if (value === undefined) return { rule, value }
        if (typeof defaults[rule] === 'number') {
          const n = Number(value)
          if (!Number.isInteger(n) || n < 0 || n > 4096) throw new UserError(`${rule} takes a whole number from 0 to 4096`)
          return { rule, value: n }
        }
        if (value !== 'true' && value !== 'false') return false
        return { rule, value: value === 'true' }
      },
      action ({ rule, value }) {
        if (value === undefined) return `${rule} = ${rules[rule]}`
        rules[rule] = value
        if (rule === 'doDaylightCycle') serv.doDaylightCycle = rules[rule]
        serv.worldStore.markDirty()
        return `Game rule ${rule} is now ${rules[rule]}`
      }
    })

    serv.commands.add({
      base: 'summon',
      info: 'summon a mob',
      usage: '/summon <entity> [x y z]',
      op: true,
      parse (str, ctx) {
        const [name, ...coords] = str.split(' ')
        if (!name) return false
        const entity = registry.entitiesByName[name.replace(/^minecraft:/, '')]
        if (!entity) throw new UserError(`unknown entity ${name}`)
        let position = ctx.player?.position
        if (coords.length === 3) {
          const base = ctx.player?.position ?? new Vec3(0, 64, 0)
          position = new Vec3(...coords.map((c, i) => serv.posFromString(c, base[['x', 'y', 'z'][i]])))
        }
        if (!position) throw new UserError('give coordinates when summoning from the console')
        return { name: entity.name, position }
      },
      action ({ name, position }) {
        const mob = (serv.summonMob ?? serv.spawnMob)(name, serv.overworld, position.clone())
        return mob ? `Summoned ${name}` : `Cannot summon ${name} here (peaceful?)`
      }
    })
  })

  // Tab completion in the 1.20.4 shape (flying-squid answers with bare strings,
  // which the packet cannot carry: the client is disconnected).
  serv.on('newPlayer', (player) => {
    player._client.removeAllListeners('tab_complete')
    player._client.on('tab_complete', ({ transactionId, text }) => {
      const words = text.split(' ')
      const last = words[words.length - 1]
      const options = words.length === 1 && text.startsWith('/')
        ? Object.keys(serv.commands.uniqueHash).map((name) => '/' + name)
        : serv.players.map((other) => other.username)
      const matches = options.filter((option) => option.startsWith(last)).map((match) => ({ match }))
      player._client.write('tab_complete', { transactionId, start: text.length - last.length, length: last.length, matches })
    })
  })

  // In full stacks, as vanilla /give does; what does not fit is dropped at the player's feet.
  function giveItems (player, name, count) {
    const items = serv.voyagerItems
    let left = count
    while (left > 0) {
      const n = Math.min(left, items.maxStack(items.make(name)))
      player.giveItem(items.make(name, n))
      left -= n
    }
  }
  serv.giveItems = giveItems

  function clearInventory (player) {
    for (let slot = 0; slot < player.inventory.slots.length; slot++) {
      if (player.inventory.slots[slot]) player.inventory.updateSlot(slot, null)
    }
    if (player.menu) player.menu.carried = null
  }
  serv.clearInventory = clearInventory
  serv.gamerules = rules
}
