// Shapes placed into the base terrain: tree shapes, ore veins and cave
// tunnels. Each returns block positions in world coordinates; the generator
// keeps those inside the chunk it is building.
'use strict'

// Tree blocks as [x, y, z, part] with part 'log' or 'leaves', base at (x, y, z).
function treeShape (shape, trunk, rng, x, y, z) {
  const blocks = []
  const height = rng.int(trunk[0], trunk[1])
  for (let i = 0; i < height; i++) blocks.push([x, y + i, z, 'log'])
  const top = y + height
  if (shape === 'blob') {
    // two wide layers, then two narrow ones; corners trimmed at random
    for (let dy = -3; dy <= 0; dy++) {
      const radius = dy >= -1 ? 1 : 2
      for (let dx = -radius; dx <= radius; dx++) {
        for (let dz = -radius; dz <= radius; dz++) {
          const corner = Math.abs(dx) === radius && Math.abs(dz) === radius
          if (corner && (dy === 0 || rng.chance(0.5))) continue
          if (dx === 0 && dz === 0 && dy < 0) continue
          blocks.push([x + dx, top + dy, z + dz, 'leaves'])
        }
      }
    }
  } else if (shape === 'cone') {
    let radius = 0
    for (let dy = 1; dy >= -height + 2; dy--) {
      for (let dx = -radius; dx <= radius; dx++) {
        for (let dz = -radius; dz <= radius; dz++) {
          if (radius > 0 && Math.abs(dx) === radius && Math.abs(dz) === radius) continue
          if (dx === 0 && dz === 0 && dy < 1) continue
          blocks.push([x + dx, top + dy - 1, z + dz, 'leaves'])
        }
      }
      radius = radius >= 2 ? 1 : radius + 1
    }
  } else if (shape === 'acacia') {
    // a trunk that bends once, with a flat canopy
    const dirX = rng.chance(0.5) ? 1 : -1
    const bend = rng.int(1, 2)
    const cx = x + dirX * bend
    for (let i = 0; i < bend; i++) blocks.push([x + dirX * (i + 1), top - bend + i, z, 'log'])
    for (let dx = -2; dx <= 2; dx++) {
      for (let dz = -2; dz <= 2; dz++) {
        if (Math.abs(dx) === 2 && Math.abs(dz) === 2) continue
        blocks.push([cx + dx, top, z + dz, 'leaves'])
      }
    }
    for (let dx = -1; dx <= 1; dx++) {
      for (let dz = -1; dz <= 1; dz++) blocks.push([cx + dx, top + 1, z + dz, 'leaves'])
    }
  } else {
    throw new Error(`unknown tree shape ${shape}`)
  }
  return blocks
}

// A vein: a short random walk of `size` blocks, appended to `out` as x, y, z.
function veinShape (rng, x, y, z, size, out) {
  for (let i = 0; i < size; i++) {
    out.push(x, y, z)
    const axis = rng.int(0, 2)
    const step = rng.chance(0.5) ? 1 : -1
    if (axis === 0) x += step
    else if (axis === 1) y += step
    else z += step
  }
  return out
}

// A cave tunnel as a list of spheres [x, y, z, radius].
function tunnelShape (rng, x, y, z, caves) {
  const spheres = []
  let yaw = rng.range(0, Math.PI * 2)
  let pitch = rng.range(-0.3, 0.3)
  const steps = rng.int(caves.steps[0], caves.steps[1])
  const width = rng.range(caves.radius[0], caves.radius[1])
  let px = x
  let py = y
  let pz = z
  for (let i = 0; i < steps; i++) {
    const radius = Math.max(1, width * (0.6 + 0.5 * Math.sin(i * Math.PI / steps)))
    spheres.push([px, py, pz, radius])
    px += Math.cos(yaw) * Math.cos(pitch)
    pz += Math.sin(yaw) * Math.cos(pitch)
    py += Math.sin(pitch)
    yaw += rng.range(-0.25, 0.25)
    pitch = pitch * 0.8 + rng.range(-0.2, 0.2)
  }
  return spheres
}

module.exports = { treeShape, veinShape, tunnelShape }
