// Crafting recipes from minecraft-data, matched against a crafting grid the
// way vanilla matches them: shaped recipes anywhere in the grid and mirrored
// left-right, shapeless ones in any arrangement.
'use strict'

function createRecipeBook (registry) {
  const byIngredients = new Map()

  for (const [resultId, recipes] of Object.entries(registry.recipes)) {
    for (const recipe of recipes) {
      const entry = { result: { id: Number(resultId), count: recipe.result?.count ?? 1 } }
      let ids
      if (recipe.inShape) {
        entry.shape = recipe.inShape.map((row) => row.map((id) => (id === null || id === undefined || id < 0 ? null : id)))
        entry.height = entry.shape.length
        entry.width = Math.max(...entry.shape.map((row) => row.length))
        ids = entry.shape.flat().filter((id) => id !== null)
      } else {
        ids = recipe.ingredients.map((i) => (typeof i === 'object' && i !== null ? i.id : i))
      }
      const key = multisetKey(ids)
      if (!byIngredients.has(key)) byIngredients.set(key, [])
      byIngredients.get(key).push(entry)
    }
  }

  // grid: item types (or null) row by row, size x size. Returns {id, count} or null.
  function match (grid, size) {
    const ids = grid.filter((id) => id !== null)
    if (ids.length === 0) return null
    const candidates = byIngredients.get(multisetKey(ids))
    if (!candidates) return null
    const box = boundingBox(grid, size)
    for (const recipe of candidates) {
      if (!recipe.shape) return recipe.result
      if (recipe.width > size || recipe.height > size) continue
      if (recipe.width !== box.width || recipe.height !== box.height) continue
      if (fits(recipe, grid, size, box, false) || fits(recipe, grid, size, box, true)) return recipe.result
    }
    return null
  }

  return { match }
}

function multisetKey (ids) {
  return [...ids].sort((a, b) => a - b).join(',')
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

function fits (recipe, grid, size, box, mirrored) {
  for (let y = 0; y < recipe.height; y++) {
    for (let x = 0; x < recipe.width; x++) {
      const rx = mirrored ? recipe.width - 1 - x : x
      const want = recipe.shape[y][rx] ?? null
      if (grid[(box.y + y) * size + box.x + x] !== want) return false
    }
  }
  return true
}

module.exports = { createRecipeBook }
