// Sounds in the 1.20.4 packet shape. flying-squid writes sound_effect with a
// numeric category, a byte pitch and a scaled position that a 1.20.4 client
// cannot read (every placed block logged a parse error in the bot).
'use strict'

const CATEGORIES = ['master', 'music', 'record', 'weather', 'block', 'hostile', 'neutral', 'player', 'ambient', 'voice']

// flying-squid still names sounds the pre-1.9 way ("dig.stone")
function modernName (sound) {
  const old = /^dig\.(\w+)$/.exec(sound)
  const name = old ? `block.${old[1]}.place` : sound
  return name.includes(':') ? name : 'minecraft:' + name
}

module.exports.server = function (serv) {
  serv.once('pluginsReady', () => {
    serv.playSound = (sound, world, position, { whitelist, blacklist = [], radius = 32, volume = 1.0, pitch = 1.0, soundCategory = 'block' } = {}) => {
      const players = whitelist !== undefined
        ? [whitelist].flat()
        : serv.getNearby({ world, position, radius })
      for (const player of players) {
        if (blacklist.includes(player)) continue
        const at = position ?? player.position
        player._client.write('sound_effect', {
          sound: { soundId: 0, data: { soundName: modernName(sound), fixedRange: undefined } },
          soundCategory: typeof soundCategory === 'number' ? CATEGORIES[soundCategory] ?? 'master' : soundCategory,
          x: Math.floor(at.x * 8),
          y: Math.floor(at.y * 8),
          z: Math.floor(at.z * 8),
          volume,
          pitch,
          seed: 0n
        })
      }
    }
  })
}
