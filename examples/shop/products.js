// The shop's catalogue, in the shop's own order (the order a visitor with no
// history sees). Attune ranks by the features: category, brand, colour, price band.

/** Price bands a visitor can come to prefer, in pounds. */
const priceBand = (price) => (price < 50 ? 'budget' : price < 120 ? 'mid-range' : 'premium');

const catalogue = [
  // id, name, category, brand, colour, price
  ['p01', 'Trail Runner', 'shoes', 'Acme', 'red', 95],
  ['p02', 'Rain Shell', 'jackets', 'Fjell', 'yellow', 180],
  ['p03', 'Day Pack', 'bags', 'Fjell', 'grey', 75],
  ['p04', 'Wool Beanie', 'hats', 'Fjell', 'red', 22],
  ['p05', 'Field Watch', 'watches', 'Fjell', 'green', 130],
  ['p06', 'Striped Socks', 'socks', 'Tidewater', 'red', 12],
  ['p07', 'City Loafer', 'shoes', 'Northwind', 'black', 140],
  ['p08', 'Denim Jacket', 'jackets', 'Tidewater', 'blue', 85],
  ['p09', 'Market Tote', 'bags', 'Tidewater', 'yellow', 25],
  ['p10', 'Baseball Cap', 'hats', 'Acme', 'black', 20],
  ['p11', 'Dive Watch', 'watches', 'Lumen', 'blue', 240],
  ['p12', 'Hiking Socks ×2', 'socks', 'Fjell', 'grey', 18],
  ['p13', 'Canvas Low', 'shoes', 'Tidewater', 'blue', 45],
  ['p14', 'Quilted Jacket', 'jackets', 'Northwind', 'green', 150],
  ['p15', 'Leather Satchel', 'bags', 'Northwind', 'black', 210],
  ['p16', 'Bucket Hat', 'hats', 'Tidewater', 'yellow', 28],
  ['p17', 'Digital Sport', 'watches', 'Acme', 'black', 55],
  ['p18', 'Running Socks ×3', 'socks', 'Acme', 'blue', 16],
  ['p19', 'Hill Boot', 'shoes', 'Fjell', 'green', 165],
  ['p20', 'Track Top', 'jackets', 'Acme', 'red', 60],
  ['p21', 'Gym Holdall', 'bags', 'Acme', 'blue', 40],
  ['p22', 'Felt Fedora', 'hats', 'Northwind', 'grey', 95],
  ['p23', 'Slim Dress Watch', 'watches', 'Lumen', 'grey', 310],
  ['p24', 'Cashmere Socks', 'socks', 'Lumen', 'yellow', 45],
];

export const products = catalogue.map(([id, name, category, brand, colour, price]) => ({
  id,
  name,
  category,
  brand,
  colour,
  price,
  features: [`category:${category}`, `brand:${brand}`, `colour:${colour}`, `price:${priceBand(price)}`],
}));
