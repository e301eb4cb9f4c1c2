// Crafting recipes from minecraft-data, matched against a crafting grid the
// way vanilla matches them: shaped recipes anywhere in the grid and mirrored
// left-right, shapeless ones in any arrangement, and tag ingredients
// (data/recipe-tags.json) filled with any mix of the tag's items.
'use strict'

const tagData = require('../data/recipe-tags.json')

function createRecipeBook (registry) {
  const groupOf = itemGroups(registry)
  const canonical = (id) => (id === null ? null : groupOf.get(id) ?? id)
  const exact = new Map()
  const tagged = new Map()
  const add = (book, key, entry) => {
    if (!book.has(key)) book.set(key, [])
    book.get(key).push(entry)
  }

  for (const [resultId, recipes] of Object.entries(registry.recipes)) {
    const entries = recipes.map((recipe) => toEntry(Number(resultId), recipe))
    // a recipe listed for several members of a group is a tag recipe
    const variants = new Map()
    for (const entry of entries) {
      const key = signature(entry, canonical)
      if (!variants.has(key)) variants.set(key, new Set())
      variants.get(key).add(signature(entry, (id) => id))
    }
    for (const entry of entries) {
      add(exact, multisetKey(entry.ids), entry)
      const key = signature(entry, canonical)
      if (variants.get(key).size > 1) add(tagged, multisetKey(entry.ids.map(canonical)), { ...entry, canonical: true })
    }
  }

  // grid: item types (or null) row by row, size x size. Returns {id, count} or null.
  function match (grid, size) {
    const ids = grid.filter((id) => id !== null)
    if (ids.length === 0) return null
    return findIn(exact.get(multisetKey(ids)), grid, size, (id) => id) ??
      findIn(tagged.get(multisetKey(ids.map(canonical))), grid.map(canonical), size, canonical)
  }

  return { match }
}

function toEntry (resultId, recipe) {
  const entry = { result: { id: resultId, count: recipe.result?.count ?? 1 } }
  if (recipe.inShape) {
    entry.shape = trimmed(recipe.inShape.map((row) => row.map((id) => (id === null || id === undefined || id < 0 ? null : id))))
    entry.height = entry.shape.length
    entry.width = Math.max(...entry.shape.map((row) => row.length))
    entry.ids = entry.shape.flat().filter((id) => id !== null)
  } else {
    entry.ids = recipe.ingredients.map((i) => (typeof i === 'object' && i !== null ? i.id : i))
  }
  return entry
}

// minecraft-data pads some shapes with empty columns (the spyglass is [null, shard, null] ...);
// vanilla's shapes have none, and the grid is matched against the shape's own size.
function trimmed (shape) {
  const width = Math.max(...shape.map((row) => row.length))
  const used = (x) => shape.some((row) => row[x] !== undefined && row[x] !== null)
  let left = 0
  let right = width - 1
  while (left < right && !used(left)) left++
  while (right > left && !used(right)) right--
  const rows = shape.map((row) => Array.from({ length: right - left + 1 }, (_, i) => row[left + i] ?? null))
  while (rows.length > 1 && rows[0].every((id) => id === null)) rows.shift()
  while (rows.length > 1 && rows[rows.length - 1].every((id) => id === null)) rows.pop()
  return rows
}

function signature (entry, map) {
  return entry.shape ? 'shaped:' + JSON.stringify(entry.shape.map((row) => row.map(map))) : 'shapeless:' + multisetKey(entry.ids.map(map))
}

// item id -> group name, for the groups of data/recipe-tags.json
function itemGroups (registry) {
  const groupOf = new Map()
  for (const [group, rule] of Object.entries(tagData.groups)) {
    for (const item of registry.itemsArray) {
      const member = (rule.items ?? []).includes(item.name) || (rule.suffixes ?? []).some((s) => item.name.endsWith(s))
      if (member) groupOf.set(item.id, '#' + group)
    }
  }
  return groupOf
}

function findIn (candidates, grid, size, map) {
  if (!candidates) return null
  const box = boundingBox(grid, size)
  for (const recipe of candidates) {
    if (!recipe.shape) return recipe.result
    if (recipe.width > size || recipe.height > size) continue
    if (recipe.width !== box.width || recipe.height !== box.height) continue
    if (fits(recipe, grid, size, box, false, map) || fits(recipe, grid, size, box, true, map)) return recipe.result
  }
  return null
}

function multisetKey (ids) {
  return ids.map(String).sort().join(',')
}

function boundingBox (grid, size) {
  let minX = size
  let minY = size
  let maxX = -1
  let maxY = -1
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (grid[y * size + x] === null) continue
      minX = Math.min(minX, x)
      maxX = Math.max(maxX, x)
      minY = Math.min(minY, y)
      maxY = Math.max(maxY, y)
    }
  }
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 }
}

function fits (recipe, grid, size, box, mirrored, map) {
  for (let y = 0; y < recipe.height; y++) {
    for (let x = 0; x < recipe.width; x++) {
      const rx = mirrored ? recipe.width - 1 - x : x
      const want = map(recipe.shape[y][rx] ?? null)
      if (grid[(box.y + y) * size + box.x + x] !== want) return false
    }
  }
  return true
}

module.exports = { createRecipeBook }
