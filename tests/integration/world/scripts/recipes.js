// What the world's recipe matcher makes of some crafting grids, as one JSON
// object: grid name -> "item xcount" or null.
'use strict'

const path = require('path')
const bridge = path.resolve(__dirname, '..', '..', '..', '..', 'bridge')
const registry = require(path.join(bridge, 'node_modules', 'prismarine-registry'))('1.20.4')
const { createRecipeBook } = require(path.join(bridge, 'world', 'lib', 'recipes'))

const book = createRecipeBook(registry)
const id = (name) => (name ? registry.itemsByName[name].id : null)
const grids = {
  table_from_mixed_planks: [['oak_planks', 'birch_planks'], ['spruce_planks', 'oak_planks']],
  sticks_from_mixed_planks: [['oak_planks', null], ['jungle_planks', null]],
  oak_slab_from_mixed_planks: [['oak_planks', 'birch_planks', 'oak_planks'], [null, null, null], [null, null, null]],
  birch_slab: [['birch_planks', 'birch_planks', 'birch_planks'], [null, null, null], [null, null, null]],
  stone_pickaxe_from_mixed_stone: [['cobblestone', 'cobbled_deepslate', 'cobblestone'], [null, 'stick', null], [null, 'stick', null]],
  torch_from_charcoal: [['charcoal', null], ['stick', null]],
  birch_planks_from_log: [['birch_log', null], [null, null]],
  mirrored_axe: [[null, 'oak_planks', 'oak_planks'], [null, 'stick', 'oak_planks'], [null, 'stick', null]]
}
const out = {}
for (const [name, rows] of Object.entries(grids)) {
  const result = book.match(rows.flat().map(id), rows.length)
  out[name] = result ? `${registry.items[result.id].name} x${result.count}` : null
}
console.log(JSON.stringify(out))
