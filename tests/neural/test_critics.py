"""Critics: shapes, what they compute, seeding without global state, errors."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from mutinfo.exceptions import InvalidDataError, InvalidParameterError  # noqa: E402
from mutinfo.neural import (  # noqa: E402
    BilinearCritic,
    ConcatCritic,
    SeparableCritic,
    make_critic,
)
from mutinfo.neural.critics import default_sizes  # noqa: E402


def batch(b: int = 5, dx: int = 3, dy: int = 2) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(0)
    return torch.randn(b, dx, generator=g), torch.randn(b, dy, generator=g)


def test_separable_scores_are_dot_products_of_embeddings() -> None:
    critic = SeparableCritic(3, 2, hidden=(8,), embed_dim=4, rng=0)
    x, y = batch()
    s = critic(x, y)
    assert s.shape == (5, 5)
    gx, hy = critic.g(x), critic.h(y)
    assert torch.allclose(s[1, 3], gx[1] @ hy[3])


def test_concat_scores_see_each_pair() -> None:
    critic = ConcatCritic(3, 2, hidden=(8, 8), rng=0)
    x, y = batch()
    s = critic(x, y)
    want = critic.net(torch.cat([x[2], y[4]])[None, :])[0, 0]
    assert torch.allclose(s[2, 4], want, atol=1e-6)


def test_bilinear_without_hidden_layers_is_a_bilinear_form() -> None:
    critic = BilinearCritic(3, 2, rng=0)
    x, y = batch()
    assert torch.allclose(critic(x, y), x @ critic.weight @ y.T)
    deep = BilinearCritic(3, 2, hidden=(8,), embed_dim=4, rng=0)
    assert deep(x, y).shape == (5, 5)


@pytest.mark.parametrize("kind", ["separable", "concat", "bilinear"])
def test_same_rng_same_critic_and_global_state_untouched(kind: str) -> None:
    before = torch.get_rng_state()
    a = make_critic(kind, 3, 2, rng=7)
    b = make_critic(kind, 3, 2, rng=7)
    c = make_critic(kind, 3, 2, rng=8)
    assert torch.equal(torch.get_rng_state(), before)
    x, y = batch()
    assert torch.equal(a(x, y), b(x, y))
    assert not torch.equal(a(x, y), c(x, y))


def test_default_sizes_grow_with_dimension() -> None:
    assert default_sizes(1, 1) == ((64, 64), 16)
    assert default_sizes(5, 5) == ((160, 160), 16)
    assert default_sizes(20, 20) == ((256, 256), 32)
    critic = make_critic("separable", 5, 5, rng=0)
    assert isinstance(critic, SeparableCritic)
    assert critic.g[0].out_features == 160


def test_make_critic_overrides_sizes() -> None:
    critic = make_critic("separable", 2, 2, hidden=(10,), embed_dim=3, rng=0)
    assert isinstance(critic, SeparableCritic)
    assert critic.g[0].out_features == 10
    assert critic.g[-1].out_features == 3


def test_make_critic_rejects_an_unknown_kind() -> None:
    with pytest.raises(InvalidParameterError, match=r"'kind'.*Did you mean 'concat'"):
        make_critic("concar", 1, 1)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"x_dim": 0, "y_dim": 1}, r"'x_dim'.*int >= 1.*Got 0"),
        ({"x_dim": 1, "y_dim": 1.5}, r"'y_dim'.*Got 1.5"),
        ({"x_dim": 1, "y_dim": 1, "hidden": "64"}, r"'hidden'.*sequence"),
        ({"x_dim": 1, "y_dim": 1, "hidden": (0,)}, r"'hidden'.*Got 0"),
        ({"x_dim": 1, "y_dim": 1, "activation": "relux"}, r"'activation'.*'relu'"),
        ({"x_dim": 1, "y_dim": 1, "embed_dim": -2}, r"'embed_dim'.*Got -2"),
    ],
)
def test_separable_rejects_bad_settings(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        SeparableCritic(**kwargs)  # type: ignore[arg-type]


def test_an_int_hidden_is_one_layer() -> None:
    assert len(ConcatCritic(1, 1, hidden=4, rng=0).net) == 3  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [SeparableCritic, ConcatCritic, BilinearCritic])
def test_critics_check_the_batch(cls: type) -> None:
    critic = cls(3, 2, rng=0)
    x, y = batch()
    with pytest.raises(InvalidDataError, match=r"same B.*\(5, 3\).*\(4, 2\)"):
        critic(x, y[:4])
    with pytest.raises(
        InvalidDataError, match=r"x_dim=3 and y_dim=2.*x.shape=\(5, 2\)"
    ):
        critic(y, y)
