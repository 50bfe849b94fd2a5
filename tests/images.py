"""Test images drawn with Pillow: nothing is downloaded."""


def phone_photo(path, size=(4000, 3000)):
    """A 4,000x3,000 JPEG with a phone photo's detail (a few MB)."""
    import random

    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw, rnd = ImageDraw.Draw(image), random.Random(1)
    for _ in range(60):
        x, y, r = rnd.randrange(size[0]), rnd.randrange(size[1]), rnd.randrange(50, 600)
        colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    noise = Image.effect_noise(size, 30).convert("RGB")
    Image.blend(image, noise, 0.15).save(path, "JPEG", quality=92)
    return path
