// The shape of the land as a pure function of (seed, x, z): surface height,
// biome and water. Chunks, trees that cross chunk borders and the spawn
// search all ask this, so they agree without looking at each other.
'use strict'

const { fractal2 } = require('./noise')

function smoothstep (edge0, edge1, x) {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)))
  return t * t * (3 - 2 * t)
}

function createLandscape (seed, terrain) {
  const h = terrain.height
  const seaLevel = terrain.sea_level
  const biomeRules = terrain.biomes
  const waterBiomes = terrain.water_biomes

  function climate (x, z) {
    return {
      temperature: fractal2(seed + 101, x, z, terrain.climate.scale, 2) * 1.6,
      humidity: fractal2(seed + 202, x, z, terrain.climate.scale * 0.8, 2) * 1.6
    }
  }

  function landBiome (x, z) {
    const { temperature, humidity } = climate(x, z)
    for (const rule of biomeRules) {
      if (temperature >= rule.temperature[0] && temperature <= rule.temperature[1] &&
          humidity >= rule.humidity[0] && humidity <= rule.humidity[1]) return rule
    }
    return temperature > 0 ? biomeRules[0] : biomeRules[2]
  }

  // {height, biome (rule object), biomeName, water (top water y or null), river}
  function column (x, z) {
    const continental = fractal2(seed + 1, x, z, h.continental.scale, 3)
    const hilliness = (fractal2(seed + 3, x, z, h.hilliness.scale, 2) + 1) / 2
    const hills = fractal2(seed + 2, x, z, h.hills.scale, 4)
    const hillAmplitude = h.hills.amplitude_flat + (h.hills.amplitude_hilly - h.hills.amplitude_flat) * hilliness * hilliness
    let height = h.base + continental * h.continental.amplitude + Math.max(hills, -0.4) * hillAmplitude

    const riverDistance = Math.abs(fractal2(seed + 4, x, z, h.river.scale, 3))
    const river = 1 - smoothstep(h.river.width, h.river.width + h.river.bank, riverDistance)
    const lake = smoothstep(h.lake.threshold, h.lake.full, fractal2(seed + 5, x, z, h.lake.scale, 2))
    if (river > 0 && height > h.river.bed) height += (h.river.bed - height) * river
    if (lake > 0 && height > h.lake.bed) height += (h.lake.bed - height) * lake
    height = Math.floor(height)

    const water = height < seaLevel ? seaLevel : null
    const rule = landBiome(x, z)
    let biomeName = rule.name
    if (water !== null) {
      if (river > 0.5) biomeName = waterBiomes.river
      else if (lake > 0) biomeName = rule.name
      else biomeName = height < h.deep_ocean_below ? waterBiomes.deep_ocean : waterBiomes.ocean
    } else if (height <= h.beach_up_to && rule.name !== 'desert' && continental < -0.05 && river < 0.2) {
      biomeName = waterBiomes.beach
    } else if (height > waterBiomes.hills_above) {
      biomeName = waterBiomes.hills
    }
    return { height, biome: rule, biomeName, water, river: river > 0.5, lake: lake > 0 }
  }

  return { column, seaLevel }
}

module.exports = { createLandscape }
