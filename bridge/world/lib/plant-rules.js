// Where plants may stand (data/plants.json "survival"), and the block groups
// the plant rules name: '#dirt' and the other tags of the data file, '#solid'
// (a full collision box), '#leaves' and '#sapling' (by name).
'use strict'

const SIDES = [[1, 0], [-1, 0], [0, 1], [0, -1]]
// blocks that hold water (sugar cane beside them grows; kelp is placed into them)
const WATER = new Set(['water', 'kelp', 'kelp_plant', 'seagrass', 'tall_seagrass', 'bubble_column'])

function createPlantRules (registry, data) {
  const rules = new Map()
  for (const rule of data.survival) for (const name of rule.blocks) rules.set(name, rule)

  function matches (name, entries) {
    return !!name && entries.some((entry) => (entry.startsWith('#') ? inGroup(name, entry.slice(1)) : name === entry))
  }

  function inGroup (name, group) {
    if (group === 'solid') return registry.blocksByName[name]?.boundingBox === 'block'
    if (group === 'leaves') return name.endsWith('_leaves')
    if (group === 'sapling') return name.endsWith('_sapling')
    return matches(name, data.tags[group] ?? [])
  }

  const isWater = (name) => WATER.has(name)

  // nameAt(x, y, z): the block name there (null where not loaded). `placing`: the
  // plant is about to replace what is at (x, y, z) now.
  function canSurvive (nameAt, x, y, z, name, placing = false) {
    const rule = rules.get(name)
    if (!rule) return true
    const below = nameAt(x, y - 1, z)
    if (rule.in_water_source && placing && !isWater(nameAt(x, y, z))) return false
    if (rule.nothing_solid_beside && SIDES.some(([dx, dz]) => inGroup(nameAt(x + dx, y, z + dz) ?? 'air', 'solid'))) return false
    if (matches(below, rule.on ?? [])) return true
    if (rule.on_by_water && matches(below, rule.on_by_water)) {
      return SIDES.some(([dx, dz]) => isWater(nameAt(x + dx, y - 1, z + dz)))
    }
    return false
  }

  return { canSurvive, matches, hasRule: (name) => rules.has(name) }
}

module.exports = { createPlantRules }
