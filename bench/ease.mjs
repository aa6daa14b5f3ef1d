// EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019), a reference of the
// quality replay: an item × item weight matrix in closed form,
//   P = (XᵀX + λI)⁻¹,   B = I − P·diagMat(1 ⊘ diag(P))   (so diag(B) = 0),
// and a user's score of item j is (x B)_j = x_j − (P xᵀ)_j / P_jj, x the user's binary training row.
//
// A dense n × n inverse of MovieLens's 9.7k items is too slow in JavaScript, so the inverse is
// taken of the smaller of the two Gram matrices: the items' (n × n, the online retail data) or,
// through the Woodbury identity, the users' (m × m, MovieLens),
//   (XᵀX + λI)⁻¹ = (I − Xᵀ(XXᵀ + λI)⁻¹X) / λ.
// Either way only W = L⁻¹ of the Cholesky factor L is formed (n³/3 multiply-adds), never P itself:
// a user needs P at their 100 candidates only.

/** Dot product of `length` entries of x from `xAt` and y from `yAt`; four sums, so the loop need not wait on one. */
function dot(x, xAt, y, yAt, length) {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let p = 0;
  for (; p + 3 < length; p += 4) {
    s0 += x[xAt + p] * y[yAt + p];
    s1 += x[xAt + p + 1] * y[yAt + p + 1];
    s2 += x[xAt + p + 2] * y[yAt + p + 2];
    s3 += x[xAt + p + 3] * y[yAt + p + 3];
  }
  for (; p < length; p++) s0 += x[xAt + p] * y[yAt + p];
  return s0 + s1 + s2 + s3;
}

/**
 * For a symmetric positive-definite A (n × n, row-major; overwritten by its Cholesky factor L),
 * W = L⁻¹, returned transposed: row j of the result is column j of W, non-zero from j on.
 * Then A⁻¹ = WᵀW, so (A⁻¹)ᵢⱼ = Σₖ Wₖᵢ Wₖⱼ is a dot product of two rows of the result.
 */
export function inverseFactor(a, n) {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const sum = a[i * n + j] - dot(a, i * n, a, j * n, j);
      a[i * n + j] = i === j ? Math.sqrt(sum) : sum / a[j * n + j];
    }
  }
  const w = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    w[j * n + j] = 1 / a[j * n + j];
    // Forward substitution for column j of L⁻¹: (L⁻¹)ᵢⱼ = −Σ_{j≤p<i} Lᵢₚ (L⁻¹)ₚⱼ / Lᵢᵢ.
    for (let i = j + 1; i < n; i++) w[j * n + i] = -dot(a, i * n + j, w, j * n + j, i - j) / a[i * n + i];
  }
  return w;
}

/** Σ of the rows `rows` of the transposed W (n wide), each scaled by `scale(row)`; row r is zero before column r. */
function sumOfRows(w, n, rows, scale = () => 1) {
  const sum = new Float64Array(n);
  for (const row of rows) {
    const s = scale(row);
    for (let k = row; k < n; k++) sum[k] += s * w[row * n + k];
  }
  return sum;
}

/** Rows of W (transposed) start at their own index: a dot product with a full vector starts there too. */
const rowDot = (w, n, row, vector) => dot(w, row * n + row, vector, row, n - row);

/** The items' Gram matrix XᵀX + λI over binary rows, and its inverse factor. */
function itemSide(rows, n, lambda) {
  const gram = new Float64Array(n * n);
  for (const items of rows) for (const i of items) for (const j of items) gram[i * n + j] += 1;
  for (let i = 0; i < n; i++) gram[i * n + i] += lambda;
  const w = inverseFactor(gram, n);
  // P_jj = ‖W[:, j]‖², a row of the transposed W.
  const diagonal = Float64Array.from({ length: n }, (_, j) => dot(w, j * n + j, w, j * n + j, n - j));
  // (P xᵀ)_j = W[:, j] · (W xᵀ), and W xᵀ is the sum of the rows of the transposed W at the user's items.
  return (items) => {
    const wx = sumOfRows(w, n, items);
    return (j) => rowDot(w, n, j, wx) / diagonal[j];
  };
}

/** The users' Gram matrix XXᵀ + λI over binary rows, its inverse factor, and P through the Woodbury identity. */
function userSide(rows, n, lambda) {
  const m = rows.length;
  const usersOf = Array.from({ length: n }, () => []);
  rows.forEach((items, u) => items.forEach((i) => usersOf[i].push(u)));
  const gram = new Float64Array(m * m);
  for (const users of usersOf) for (const u of users) for (const v of users) gram[u * m + v] += 1;
  for (let u = 0; u < m; u++) gram[u * m + u] += lambda;
  const w = inverseFactor(gram, m);
  // λ·P_jj = 1 − ‖W X_j‖², X_j the column of item j: the users who had it.
  const diagonal = usersOf.map((users) => {
    const column = sumOfRows(w, m, users);
    return (1 - dot(column, 0, column, 0, m)) / lambda;
  });
  return (items) => {
    // c = X xᵀ: how many items each user shares with this one; then K c = Wᵀ(W c).
    const shared = new Float64Array(m);
    for (const i of items) for (const u of usersOf[i]) shared[u] += 1;
    const wc = sumOfRows(w, m, [...shared.keys()].filter((u) => shared[u] > 0), (u) => shared[u]);
    const kc = Float64Array.from({ length: m }, (_, u) => rowDot(w, m, u, wc));
    const mine = new Set(items);
    // λ·(P xᵀ)_j = x_j − Σ_{users u who had j} (K c)_u.
    return (j) => ((mine.has(j) ? 1 : 0) - usersOf[j].reduce((sum, u) => sum + kc[u], 0)) / lambda / diagonal[j];
  };
}

/**
 * EASE trained on the replay's training data (every user's items before the held-out one, binary).
 * Returns a scorer of (user, item): (x B)_item, and −Infinity for an item nobody had in training,
 * which it cannot recommend; and how the inverse was taken.
 */
export function easeScores(replay, lambda) {
  const column = new Map([...replay.popularity.keys()].map((item, j) => [item, j]));
  const n = column.size;
  const rows = replay.users.map((user) => [...new Set(user.train.map(({ item }) => column.get(item)))]);
  const byItems = n <= rows.length;
  const partOf = byItems ? itemSide(rows, n, lambda) : userSide(rows, n, lambda);
  const rowOf = new Map(replay.users.map((user, u) => [user.id, u]));
  let scoring;
  let part;
  const score = (user, item) => {
    const j = column.get(item);
    if (j === undefined) return -Infinity;
    if (scoring !== user) {
      scoring = user;
      part = partOf(rows[rowOf.get(user.id)]);
    }
    const mine = rows[rowOf.get(user.id)].includes(j) ? 1 : 0;
    return mine - part(j);
  };
  return { score, inverse: byItems ? `items' Gram matrix, ${n.toLocaleString('en')} × ${n.toLocaleString('en')}` : `users' Gram matrix, ${rows.length.toLocaleString('en')} × ${rows.length.toLocaleString('en')} (Woodbury)` };
}
