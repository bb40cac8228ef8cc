"""Word material for synthetic names, one vocabulary per writing system.

Words are built from syllables with a fixed generator, so vocabularies are identical on every
run and every machine; only the picks depend on the corpus seed. Each script's word list is
large (thousands of words) so that two- and three-word names reach millions of combinations.
"""

from __future__ import annotations

from functools import cache

import numpy as np


def _w(text: str) -> list[str]:
    """Whitespace-separated words; "-" stands for the empty string (no vowel sign)."""
    return ["" if word == "-" else word for word in text.split()]


WORDS_PER_SCRIPT = 8192

# Script name -> share of artists. Latin dominates, as in the real datasets.
SCRIPT_SHARES: dict[str, float] = {
    "latin": 0.42,
    "ascii": 0.22,
    "cyrillic": 0.08,
    "greek": 0.03,
    "cjk": 0.05,
    "kana": 0.05,
    "hangul": 0.05,
    "arabic": 0.04,
    "hebrew": 0.02,
    "devanagari": 0.03,
    "emoji": 0.01,
}
SCRIPTS: tuple[str, ...] = tuple(SCRIPT_SHARES)

_SYLLABLES: dict[str, tuple[list[str], list[str]]] = {
    # (onsets, nuclei); a syllable is onset + nucleus, words take 2-4 syllables.
    # Plain letters are repeated so that diacritics stay the minority they are.
    "latin": (
        _w("b c d f g h j k l m n p r s t v z br dr gr kr st sv tr") * 4
        + _w("ð þ ł ś ž č ř ñ sch lj"),
        _w("a e i o u") * 12 + _w("á é í ó ú à è ö ü ø å æ ã õ ê ô ı ș ț ä ë y ý ő ű"),
    ),
    "ascii": (
        _w("b c d f g h j k l m n p r s t v w z br cl dr fl gr kr pl st tr sh ch th"),
        _w("a e i o u ay ee oo ea ie ou ar er or an en on el"),
    ),
    "cyrillic": (
        _w("б в г д ж з к л м н п р с т ф х ц ч ш щ бр вл гр др кр ст тр"),
        _w("а е и о у ы э ю я ё"),
    ),
    "greek": (
        _w("β γ δ ζ θ κ λ μ ν ξ π ρ σ τ φ χ ψ στ κλ"),
        _w("α ε η ι ο υ ω ά έ ή ί ό ύ ώ"),
    ),
    "arabic": (
        _w("ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ع غ ف ق ك ل م ن ه و ي"),
        _w("ا ي و - ى"),
    ),
    "hebrew": (
        _w("ב ג ד ה ו ז ח ט י כ ל מ נ ס ע פ צ ק ר ש ת"),
        _w("ו י - א ה"),
    ),
    "devanagari": (
        _w("क ख ग घ च ज झ ट ड त थ द ध न प फ ब भ म य र ल व श स ह"),
        _w("ा ि ी ु ू े ै ो ौ - ं"),
    ),
}

_HIRAGANA = list(
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん"
)
_KATAKANA = [chr(ord(c) + 0x60) for c in _HIRAGANA]
_KANJI = list(
    "山田川中村林森田島石原小大高松井上木本野青木佐藤鈴渡辺伊加斎吉宮桜花月星夜空海風雪雲光"
)
_HANZI = list(
    "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾"
    "丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤"
    "明华伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英玉兰春梅月星云雪风海天心爱乐音梦光影夜晨"
)
_EMOJI = list("🌙🔥🌊🌸🎸🎹🎺🥁🎻🎷🦋🐺🦊🐝🌵🍄🌈⚡❄🌋🪐💎🖤💜💙💚🧡🌹🍒🐙🦑🕊🌻🎧📼🛸👁🗝🕯🧿")


def _rng(name: str) -> np.random.Generator:
    return np.random.default_rng(list(f"trainedon-vocab-{name}".encode()))


def _syllable_words(script: str, count: int) -> list[str]:
    onsets, nuclei = _SYLLABLES[script]
    syllables = np.array([o + n for o in onsets for n in nuclei], dtype=object)
    rng = _rng(script)
    words: dict[str, None] = {}
    while len(words) < count:
        picks = syllables[rng.integers(0, len(syllables), (count, 4))]
        lengths = rng.choice((2, 2, 3, 3, 3, 4), count)
        codas = rng.choice(np.array(onsets + [""] * (2 * len(onsets)), dtype=object), count)
        for row, n, coda in zip(picks, lengths, codas, strict=True):
            word = "".join(row[:n]) + coda
            words[word[:1].upper() + word[1:]] = None
    return list(words)[:count]


def _char_words(alphabet: list[str], count: int, lengths: tuple[int, ...], name: str) -> list[str]:
    chars = np.array(alphabet, dtype=object)
    rng = _rng(name)
    words: dict[str, None] = {}
    for _ in range(20):  # bounded: a small alphabet may not reach `count`
        picks = chars[rng.integers(0, len(chars), (count, max(lengths)))]
        for row, n in zip(picks, rng.choice(lengths, count), strict=True):
            words["".join(row[:n])] = None
        if len(words) >= count:
            break
    return list(words)[:count]


def _hangul_words(count: int) -> list[str]:
    blocks = [
        chr(0xAC00 + (lead * 21 + vowel) * 28 + tail)
        for lead in range(19)
        for vowel in (0, 1, 4, 8, 13, 17, 20, 18, 6, 12)
        for tail in (0, 0, 0, 4, 8, 16, 21)
    ]
    return _char_words(blocks, count, (1, 2, 2, 2, 3), "hangul")


@cache
def script_words(script: str) -> np.ndarray:
    """The word list of one script, as an object array for vectorized picking."""
    if script in _SYLLABLES:
        words = _syllable_words(script, WORDS_PER_SCRIPT)
    elif script == "cjk":
        words = _char_words(_HANZI, WORDS_PER_SCRIPT, (1, 2, 2), "cjk")
    elif script == "kana":
        kata = _char_words(_KATAKANA, WORDS_PER_SCRIPT // 2, (2, 3, 4, 5), "katakana")
        hira = _char_words(_HIRAGANA, WORDS_PER_SCRIPT // 4, (2, 3, 4), "hiragana")
        kanji = _char_words(_KANJI, WORDS_PER_SCRIPT // 4, (2, 3), "kanji")
        words = kata + hira + kanji
    elif script == "hangul":
        words = _hangul_words(WORDS_PER_SCRIPT)
    elif script == "emoji":
        words = _EMOJI
    else:
        raise ValueError(f"unknown script {script!r}")
    return np.array(words, dtype=object)


ENGLISH_ADJECTIVES = np.array(
    _w("""
Black White Silver Golden Crimson Velvet Electric Broken Silent Hollow Neon Paper Glass Iron
Wild Lonely Midnight Burning Frozen Distant Secret Sleeping Wandering Falling Rising Hidden
Northern Southern Pale Bright Dark Young Old Lost Sweet Bitter Strange Little Big Holy Copper
Crystal Cosmic Lazy Happy Sad Blue Red Green Purple Violet Amber Scarlet Dusty Rusty Sonic Quiet
Loud Empty Endless Final First Last Sacred Savage Gentle Tender Restless Faded Painted Wooden
"""),
    dtype=object,
)

ENGLISH_NOUNS = np.array(
    _w("""
Lanterns Wolves Ravens Tigers Horses Rivers Mountains Shadows Ghosts Kings Queens Saints Sinners
Strangers Lovers Dreamers Pilots Sailors Riders Hearts Bones Stones Roses Thorns Flowers Birds
Foxes Owls Bears Lions Sparrows Echoes Waves Stars Moons Suns Clouds Storms Flames Embers Ashes
Mirrors Windows Doors Keys Machines Robots Satellites Comets Planets Engines Wheels Bells Drums
Guitars Strings Voices Children Brothers Sisters Cowboys Pirates Monks Witches Giants Dwarves
"""),
    dtype=object,
)

ENGLISH_GIVEN = np.array(
    _w("""
Alex Sam Jamie Jordan Taylor Casey Morgan Riley Avery Quinn Rowan Sage River Skye Ellis Harper
Emma Olivia Ava Mia Lily Grace Chloe Zoe Ruby Ivy Luna Nora Hazel Violet Stella Iris Maya Ella
Liam Noah Oliver Elijah James Lucas Henry Jack Leo Owen Caleb Isaac Miles Felix Jasper Silas
Theo Marcus Devon Tyrone Andre Darius Malik Jamal Rico Carlos Diego Mateo Luis Marco Paolo Nico
Hugo
"""),
    dtype=object,
)

ENGLISH_TITLE_WORDS = np.array(
    _w("""
Love Night Day Heart Home Road River Fire Rain Sun Moon Star Dream Dance Time Light Dark Summer
Winter Spring Autumn Morning Evening Midnight Sky Ocean Sea City Street Town Train Car Highway
Girl Boy Baby Angel Devil Heaven Paradise Memory Story Song Music Radio Money Gold Silver
Diamond Blue Red Black White Golden Wild Free Lonely Crazy Sweet Broken Lost Young Forever
Tonight Again Alone Together Goodbye Hello Yesterday Tomorrow Kiss Touch Feel Run Fall Fly Cry
Smile Shine Burn Wave Storm Thunder Lightning Echo Shadow Ghost Mirror Window Door Garden Flower
Rose Bridge Island Desert Mountain Valley Forest Stone Glass Paper Letter Promise Secret Lie
Truth Soul Spirit Mind
"""),
    dtype=object,
)

TITLE_TEMPLATES: tuple[str, ...] = (
    "{0}",
    "{0} {1}",
    "{0} {1}",
    "The {0} {1}",
    "{0} of {1}",
    "{0} in the {1}",
    "{0}, {1}",
    "{0} & {1}",
    "My {0}",
    "{0} {1} {2}",
    "No {0}",
    '"{0}" {1}',
    "{0}'s {1}",
    "{0} (Part II)",
)

OFFICIAL_DECORATIONS: tuple[str, ...] = (
    " (Official Video)",
    " (Official Music Video)",
    " [Official Video]",
    " (Official Audio)",
    " (Lyric Video)",
    " (Lyrics)",
    " (Audio)",
    " [HD]",
)
VERSION_DECORATIONS: tuple[str, ...] = (
    " (Remastered {year})",
    " - Remastered {year}",
    " [Live]",
    " (Live)",
    " - Radio Edit",
    " (Acoustic)",
    " - Live at {city}",
    " (Remix)",
    " [Demo]",
)
CITIES: tuple[str, ...] = ("Wembley", "Budokan", "Montreux", "Paris", "Reykjavík", "Москва")

GENRES: tuple[str, ...] = (
    "acoustic",
    "afrobeat",
    "alt-rock",
    "ambient",
    "black-metal",
    "blues",
    "bossanova",
    "cantopop",
    "chill",
    "classical",
    "country",
    "dance",
    "deep-house",
    "disco",
    "drum-and-bass",
    "dubstep",
    "edm",
    "electronic",
    "folk",
    "french",
    "funk",
    "gospel",
    "goth",
    "grunge",
    "hip-hop",
    "indie",
    "j-pop",
    "j-rock",
    "jazz",
    "k-pop",
    "latin",
    "mandopop",
    "metal",
    "opera",
    "pop",
    "punk",
    "r-n-b",
    "reggae",
    "rock",
    "salsa",
    "samba",
    "soul",
    "tango",
    "techno",
    "trance",
    "turkish",
    "world-music",
)
FMA_GENRES: tuple[tuple[int, str], ...] = (
    (2, "International"),
    (3, "Blues"),
    (4, "Jazz"),
    (5, "Classical"),
    (9, "Country"),
    (10, "Pop"),
    (12, "Rock"),
    (13, "Easy Listening"),
    (14, "Soul-RnB"),
    (15, "Electronic"),
    (17, "Folk"),
    (20, "Spoken"),
    (21, "Hip-Hop"),
    (38, "Experimental"),
    (1235, "Instrumental"),
)
FMA_LICENSES: tuple[str, ...] = (
    "Attribution-NonCommercial-ShareAlike 3.0 International",
    "Attribution-Noncommercial-No Derivative Works 3.0 United States",
    "Attribution 4.0 International",
    "Creative Commons Attribution-NonCommercial 4.0",
    "Public Domain Mark 1.0",
)
FMA_LOCATIONS: tuple[str, ...] = (
    "Brooklyn, NY",
    "Berlin, Germany",
    "Montréal, Québec",
    "London, UK",
    "Tokyo",
    "São Paulo",
    "",
    "Portland, OR",
    "Kraków",
    "Chicago, IL",
)
