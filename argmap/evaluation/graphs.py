"""Graph primitives the semantics share: strongly connected components, without recursion."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["strongly_connected_components"]


def strongly_connected_components(edges: Sequence[Sequence[int]]) -> list[tuple[int, ...]]:
    """Return the strongly connected components of the graph on ``0..len(edges)-1``, members sorted.

    Each component comes after every component its edges lead to (Tarjan's order): with edges
    pointing from a node to what it depends on, dependencies come first. Iterative, so a chain of
    10^5 nodes needs no recursion limit.

    >>> strongly_connected_components([[1], [0], [1]])
    [(0, 1), (2,)]
    """
    n = len(edges)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    result: list[tuple[int, ...]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            v, k = work[-1]
            if k == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            out = edges[v]
            if k < len(out):
                work[-1] = (v, k + 1)
                w = out[k]
                if index[w] < 0:
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                result.append(tuple(sorted(component)))
    return result
