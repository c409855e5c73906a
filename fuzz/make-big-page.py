#!/usr/bin/env python3
"""Writes a synthetic article page of about 50 MB (paragraphs with links,
headings, newsletter boxes, related-link asides, a nav header) for the peak
RSS figure in README.md:

    python3 fuzz/make-big-page.py big.html
    /usr/bin/time -v ./target/release/chaff extract big.html > /dev/null
"""
import random
import sys

random.seed(1)
words = ("the of and to in a is that for it as was with be by on not he this are or his "
         "from at which but have an they you were her she there been one all we their").split()
parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>A very long article</title></head><body>',
         '<header class="site-header"><nav><ul>'
         + ''.join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(20)) + '</ul></nav></header>',
         '<main><article><h1>A very long article</h1><p class="byline">By A. Writer</p>']
size = sum(map(len, parts))
i = 0
while size < 50 * 1024 * 1024:
    i += 1
    if i % 50 == 0:
        chunk = ('<aside class="related"><h3>Related</h3><ul>'
                 + ''.join(f'<li><a href="/r{i}-{j}">Related story {j}</a></li>' for j in range(5))
                 + '</ul></aside>')
    elif i % 20 == 0:
        chunk = ('<div class="newsletter"><p>Subscribe to our newsletter</p><form>'
                 '<input type="email" placeholder="Email"><button>Sign up</button></form></div>')
    elif i % 7 == 0:
        chunk = f'<h2>Part {i}</h2>'
    else:
        chunk = ('<p>' + ' '.join(random.choice(words) for _ in range(60))
                 + f', <a href="/l{i}">a link</a> and <em>emphasis</em>.</p>\n')
    parts.append(chunk)
    size += len(chunk)
parts.append('</article></main><footer class="footer"><p>© Site</p></footer></body></html>')
with open(sys.argv[1] if len(sys.argv) > 1 else 'big.html', 'w') as f:
    f.write(''.join(parts))
