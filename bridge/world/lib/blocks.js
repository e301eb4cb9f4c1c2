// Block state ids by name and properties, from minecraft-data.
'use strict'

function createBlockStates (registry) {
  const cache = new Map()
  function stateOf (name, properties = {}) {
    const key = name + JSON.stringify(properties)
    if (cache.has(key)) return cache.get(key)
    const block = registry.blocksByName[name]
    if (!block) throw new Error(`unknown block ${JSON.stringify(name)}`)
    let state = block.defaultState
    if (block.states?.length && Object.keys(properties).length) {
      // state ids enumerate properties with the last one varying fastest
      let offset = block.defaultState - block.minStateId
      let id = 0
      let stride = 1
      for (let i = block.states.length - 1; i >= 0; i--) {
        const prop = block.states[i]
        let value = offset % prop.num_values
        offset = Math.floor(offset / prop.num_values)
        if (prop.name in properties) value = propertyIndex(prop, properties[prop.name])
        id += value * stride
        stride *= prop.num_values
      }
      state = block.minStateId + id
    }
    cache.set(key, state)
    return state
  }
  return stateOf
}

function propertyIndex (prop, value) {
  if (prop.type === 'bool') return value ? 0 : 1
  const index = prop.values.indexOf(String(value))
  if (index < 0) throw new Error(`bad value ${value} for block property ${prop.name}`)
  return index
}

// An integer block-state property (prismarine-block gives them as strings).
function numberProperty (block, name) {
  return Number(block.getProperties()[name])
}

module.exports = { createBlockStates, numberProperty }
