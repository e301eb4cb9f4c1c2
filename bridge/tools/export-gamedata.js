// Writes curriculum/gamedata-<version>.json: the parts of minecraft-data that the
// Python side reads (item and block names, recipes by name, tool tiers, drops,
// foods, mobs, biomes), so Python never needs Node to know the game's facts.
// Run: node bridge/tools/export-gamedata.js [version]   (default 1.20.4)
'use strict'
const fs = require('fs')
const path = require('path')

const version = process.argv[2] || '1.20.4'
const data = require('minecraft-data')(version)
const itemName = (id) => (id === null || id === undefined ? null : data.items[id].name)

function recipeByName (recipe) {
  const out = { count: recipe.result.count }
  if (recipe.inShape) out.shape = recipe.inShape.map((row) => row.map(itemName))
  if (recipe.ingredients) out.ingredients = recipe.ingredients.map(itemName)
  return out
}

const recipes = {}
for (const [id, list] of Object.entries(data.recipes)) {
  recipes[data.items[id].name] = list.map(recipeByName)
}

const blocks = {}
for (const block of data.blocksArray) {
  blocks[block.name] = {
    hardness: block.hardness,
    diggable: block.diggable,
    material: block.material || null,
    boundingBox: block.boundingBox,
    harvestTools: block.harvestTools ? Object.keys(block.harvestTools).map((id) => itemName(Number(id))) : null,
    drops: (block.drops || []).map((d) => itemName(typeof d === 'object' ? d.drop?.id ?? d.id : d)).filter(Boolean)
  }
}

const items = {}
for (const item of data.itemsArray) {
  items[item.name] = { stackSize: item.stackSize, displayName: item.displayName }
}

const foods = {}
for (const food of data.foodsArray) {
  foods[food.name] = { foodPoints: food.foodPoints, saturation: food.saturation }
}

const entities = {}
for (const entity of data.entitiesArray) {
  entities[entity.name] = { type: entity.type, category: entity.category || null, width: entity.width, height: entity.height }
}

// minecraft-data keeps some loot under a block's or item's name before 1.20.3 renamed it.
const RENAMED = { grass: 'short_grass' }
const current = (name, table) => (table[name] ? name : RENAMED[name] || name)
const strip = (loot) => loot.drops.map((d) => ({ item: current(d.item, data.itemsByName), chance: d.dropChance, count: d.stackSizeRange, ...(d.silkTouch ? { silkTouch: true } : {}), ...(d.noSilkTouch ? { noSilkTouch: true } : {}), ...(d.playerKill ? { playerKill: true } : {}) }))
const blockLoot = Object.fromEntries(data.blockLootArray.map((l) => [current(l.block, data.blocksByName), strip(l)]))
const entityLoot = Object.fromEntries(data.entityLootArray.map((l) => [l.entity, strip(l)]))
const biomes = Object.fromEntries(data.biomesArray.map((b) => [b.id, { name: b.name, category: b.category, temperature: b.temperature }]))

const out = {
  version,
  source: `minecraft-data ${require('minecraft-data/package.json').version}`,
  items,
  blocks,
  recipes,
  foods,
  entities,
  blockLoot,
  entityLoot,
  biomes
}
const dest = path.join(__dirname, '..', '..', 'curriculum', `gamedata-${version}.json`)
fs.writeFileSync(dest, JSON.stringify(out) + '\n')
console.log(`wrote ${dest}: ${Object.keys(items).length} items, ${Object.keys(blocks).length} blocks, ${Object.keys(recipes).length} recipes`)
