# Makes the pickle fixtures of tests/Tagnn.Tests/Data/SrGnnPickleTests.cs (run once with python3; outputs committed).
# small.*.pkl: (prefixes, targets) as SR-GNN's datasets/preprocess.py pickles them, in protocols 0, 2, 4 and 5,
# from the first 1500 examples of the preprocess parity fixture plus examples exercising every integer opcode.
import os, pickle
rows = [l.rstrip('\n').split('\t') for l in open('../preprocess/digi-small.train.expected.tsv')][:1500]
seqs = [[int(x) for x in p.split(' ')] for _, p in rows]
labs = [int(t) for t, _ in rows]
seqs += [list(range(1, 1002)), [255, 256, 65535, 65536, 2**31 - 1], [7]]
labs += [1002, 2**31 - 1, 65536]
with open('small.expected.tsv', 'w', newline='\n') as f:
    for s, t in zip(seqs, labs):
        f.write('%d\t%s\n' % (t, ' '.join(map(str, s))))
for proto in (0, 2, 4, 5):
    with open('small.p%d.pkl' % proto, 'wb') as f:
        pickle.dump((seqs, labs), f, protocol=proto)

class Evil:
    def __reduce__(self):
        return (os.system, ('echo pwned',))
for proto in (2, 4):
    with open('malicious.p%d.pkl' % proto, 'wb') as f:
        f.write(pickle.dumps(([[1, 2]], [Evil()]), protocol=proto))
with open('bigint.pkl', 'wb') as f:
    pickle.dump(([[1, 2**40]], [2]), f, protocol=2)
with open('dict.pkl', 'wb') as f:
    pickle.dump({1: 2}, f, protocol=2)
with open('list.pkl', 'wb') as f:
    pickle.dump([[1, 2], [3]], f, protocol=2)
with open('mismatch.pkl', 'wb') as f:
    pickle.dump(([[1, 2], [3]], [4]), f, protocol=4)
