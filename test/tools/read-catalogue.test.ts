import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../../tools/model/read';

describe('readCatalogue from CSV', () => {
  it('reads id, features and text by default, features split on whitespace', () => {
    const text = 'id,features,text\na17,topic:tennis author:jane,Alcaraz wins in Madrid\na18,,\n';
    expect(readCatalogue(text, 'csv')).toEqual([
      { id: 'a17', features: ['topic:tennis', 'author:jane'], text: 'Alcaraz wins in Madrid' },
      { id: 'a18' },
    ]);
  });

  it("names the site's own columns, with a prefix for features split on |", () => {
    const movies =
      'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children\n' +
      '11,"American President, The (1995)",Comedy|Drama|Romance\n';
    expect(readCatalogue(movies, 'csv', { id: 'movieId', text: 'title', features: 'genres:genre' })).toEqual([
      { id: '1', text: 'Toy Story (1995)', features: ['genre:Adventure', 'genre:Animation', 'genre:Children'] },
      { id: '11', text: 'American President, The (1995)', features: ['genre:Comedy', 'genre:Drama', 'genre:Romance'] },
    ]);
  });

  it('joins several text columns and features columns, each feature once', () => {
    const products =
      'sku,name,description,category,brand,tags\n' + 'p1,Trail shoe,For wet ground,Shoes|Running,Acme,waterproof waterproof trail\n';
    const columns = { id: 'sku', text: ['name', 'description'], features: ['category:category', 'brand:brand', 'tags'] };
    expect(readCatalogue(products, 'csv', columns)).toEqual([
      {
        id: 'p1',
        text: 'Trail shoe For wet ground',
        features: ['category:Shoes', 'category:Running', 'brand:Acme', 'waterproof', 'trail'],
      },
    ]);
  });

  it('keeps a feature with a space whole when the cell is split on |', () => {
    expect(readCatalogue('id,features\n1,Science Fiction|Film-Noir\n', 'csv')[0]!.features).toEqual(['Science Fiction', 'Film-Noir']);
  });

  it('reports its progress, ending at the whole text', () => {
    const text = 'id\n1\n2\n';
    const progress: [number, number][] = [];
    readCatalogue(text, 'csv', {}, (done, total) => progress.push([done, total]));
    expect(progress.at(-1)).toEqual([text.length, text.length]);
  });

  it('names the line and what is wrong', () => {
    const read = (text: string, columns = {}) => () => readCatalogue(text, 'csv', columns);
    expect(read('')).toThrow(new TypeError('catalogue: the file is empty; it must start with a header line naming its columns'));
    expect(read('id,title\n')).toThrow(new TypeError('catalogue: nothing after the header line'));
    expect(read('movieId,title\n1,x\n')).toThrow(new TypeError('catalogue line 1: no column "id" in the header (movieId, title)'));
    expect(read('id,title\n1,x\n', { text: 'name' })).toThrow(/catalogue line 1: no column "name"/);
    expect(read('movieId;title\n1;x\n')).toThrow(new TypeError('catalogue line 1: no column "id" in the header (movieId, title; read as separated by semicolons)'));
    expect(read('movieId\n1\n')).toThrow(new TypeError('catalogue line 1: no column "id" in the header (movieId; read as one column, with no commas in it)'));
    expect(read('id,title\n1,x\n', { features: 'genres:genre' })).toThrow(/catalogue line 1: no column "genres"/);
    expect(read('id,title\n1,x\n2,y\n3,z\n4,w\n5,v\n6,u\n,t\n')).toThrow(new TypeError('catalogue line 8: no item id'));
    expect(read('id,title\n1,x\n2,y\n1,z\n')).toThrow(new TypeError('catalogue line 4: item "1" again (first on line 2)'));
    expect(read('id,title\n1,x\n2\n')).toThrow(new TypeError('catalogue line 3: 1 field, the header has 2'));
    expect(read(`id\n${'x'.repeat(257)}\n`)).toThrow(/catalogue line 2: an item id must be 1 to 256 printable characters/);
    expect(read('id\n"a\tb"\n')).toThrow(/catalogue line 2: an item id must be 1 to 256 printable characters, got "a\\tb"/);
    expect(read('id,title\n1,"x\n')).toThrow(new TypeError('catalogue line 2: a quoted field is never closed'));
  });
});

describe('readCatalogue from JSON lines', () => {
  it('reads id, features and text, integer ids as text, and skips blank lines', () => {
    const text = '{"id": "a17", "features": ["topic:tennis", "author:jane"], "text": "Alcaraz wins"}\n\n{"id": 42}\r\n';
    expect(readCatalogue(text, 'jsonl')).toEqual([
      { id: 'a17', features: ['topic:tennis', 'author:jane'], text: 'Alcaraz wins' },
      { id: '42' },
    ]);
  });

  it('names its own keys, with prefixes, and splits a string of features as in CSV', () => {
    const text = '{"movieId": 1, "title": "Toy Story (1995)", "genres": "Adventure|Animation", "tags": ["pixar"]}\n';
    expect(readCatalogue(text, 'jsonl', { id: 'movieId', text: 'title', features: ['genres:genre', 'tags:tag'] })).toEqual([
      { id: '1', text: 'Toy Story (1995)', features: ['genre:Adventure', 'genre:Animation', 'tag:pixar'] },
    ]);
  });

  it('names the line and what is wrong', () => {
    const read = (text: string) => () => readCatalogue(text, 'jsonl');
    expect(read('{"id": "a"}\n{"id": "b",}\n')).toThrow(/^catalogue line 2: not JSON \(/);
    expect(read('{"id": "a"}\n["b"]\n')).toThrow(/^catalogue line 2: expected an object such as/);
    expect(read('{"id": "a"}\n{"text": "no id"}\n')).toThrow(new TypeError('catalogue line 2: no item id'));
    expect(read('{"id": 1.5}\n')).toThrow(new TypeError('catalogue line 1: "id" must be a string or a whole number, got 1.5'));
    expect(read('{"id": "a"}\n{"id": "a"}\n')).toThrow(new TypeError('catalogue line 2: item "a" again (first on line 1)'));
    expect(read('{"id": "a", "features": [1, 2]}\n')).toThrow(new TypeError('catalogue line 1: "features" must be a list of strings'));
    expect(read('{"id": "a", "text": ["x"]}\n')).toThrow(new TypeError('catalogue line 1: "text" must be a string'));
    expect(read('\n\n')).toThrow(new TypeError('catalogue: no items'));
  });
});
