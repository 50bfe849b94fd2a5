"""The two standing pages the Press Council's guideline asks for, ready to edit.

The guideline page holds a summary of Pedoman Pemberitaan Media Siber
(Peraturan Dewan Pers Nomor 1/Peraturan-DP/III/2012); editors may replace it
with the full official text in the admin.
"""

from django.db import migrations

GUIDELINE = """<p>Ringkasan Pedoman Pemberitaan Media Siber yang ditetapkan Dewan Pers
(Peraturan Dewan Pers Nomor 1/Peraturan-DP/III/2012). Teks lengkapnya dapat dibaca
di situs Dewan Pers. Kami menjalankan pedoman ini.</p>
<h2>1. Ruang lingkup</h2>
<p>Media siber adalah media yang memakai wahana internet, melaksanakan kegiatan
jurnalistik, dan memenuhi Undang-Undang Pers serta Standar Perusahaan Pers. Isi buatan
pengguna adalah isi yang dibuat dan dipublikasikan oleh pengguna media siber.</p>
<h2>2. Verifikasi dan keberimbangan berita</h2>
<p>Setiap berita harus melalui verifikasi. Berita yang dapat merugikan pihak lain
memerlukan verifikasi pada berita yang sama. Bila verifikasi belum dapat dilakukan,
berita diberi penjelasan bahwa masih memerlukan verifikasi, dan hasilnya dimuat
kemudian dengan tautan pada berita itu.</p>
<h2>3. Isi buatan pengguna</h2>
<p>Isi buatan pengguna tidak boleh memuat kebohongan, fitnah, sadisme, kecabulan,
prasangka dan kebencian terkait suku, agama, ras dan antargolongan, atau menganjurkan
kekerasan. Isi yang melanggar dihapus secepatnya, paling lambat 2 x 24 jam setelah
pengaduan diterima.</p>
<h2>4. Ralat, koreksi, dan hak jawab</h2>
<p>Ralat, koreksi, dan hak jawab mengacu pada Undang-Undang Pers, Kode Etik Jurnalistik,
dan Pedoman Hak Jawab Dewan Pers, ditautkan pada berita yang diralat, dikoreksi, atau
diberi hak jawab, dan mencantumkan waktu pemuatannya.</p>
<h2>5. Pencabutan berita</h2>
<p>Berita yang sudah terbit tidak dapat dicabut karena penyensoran dari pihak luar
redaksi, kecuali terkait masalah SARA, kesusilaan, masa depan anak, pengalaman
traumatik korban, atau pertimbangan khusus lain yang ditetapkan Dewan Pers. Pencabutan
disertai alasannya dan diumumkan kepada publik.</p>
<h2>6. Iklan</h2>
<p>Berita dan iklan dibedakan dengan tegas. Isi berbayar diberi keterangan
“Advertorial”, “Iklan”, atau kata lain yang menjelaskan bahwa isi tersebut iklan.</p>
<h2>7. Hak cipta</h2>
<p>Media siber menghormati hak cipta sesuai peraturan perundang-undangan.</p>
<h2>8. Pencantuman pedoman</h2>
<p>Media siber mencantumkan pedoman ini secara terang dan jelas.</p>
<h2>9. Sengketa</h2>
<p>Penilaian akhir atas sengketa pelaksanaan pedoman ini diselesaikan oleh Dewan Pers.</p>"""

POLICY = """<p>Kami berusaha memuat berita yang akurat. Bila kami keliru, kami mengakuinya
secara terbuka.</p>
<h2>Ralat dan koreksi</h2>
<p>Kesalahan fakta dalam berita yang sudah terbit diperbaiki dengan ralat yang
bertanggal. Ralat dimuat di atas dan di bawah berita yang diralat dan di halaman
<a href="/ralat/">Ralat</a>. Kami tidak mengubah berita diam-diam: riwayat perubahan
setiap berita kami simpan.</p>
<h2>Hak jawab</h2>
<p>Pihak yang dirugikan oleh pemberitaan kami dapat mengirim hak jawab kepada redaksi.
Hak jawab dimuat bersama berita yang ditanggapi, dengan waktu pemuatannya.</p>
<h2>Pencabutan berita</h2>
<p>Berita hanya dicabut karena alasan hukum atau etika sesuai Pedoman Pemberitaan
Media Siber. Alamat berita yang dicabut tetap menjelaskan kapan dan mengapa berita itu
dicabut.</p>
<h2>Advertorial</h2>
<p>Isi berbayar selalu diberi label “Advertorial” di mana pun tampil.</p>"""

PAGES = [
    ("pedoman-media-siber", "Pedoman Pemberitaan Media Siber", GUIDELINE),
    ("kebijakan-ralat", "Kebijakan ralat dan hak jawab", POLICY),
]


def create(apps, schema_editor):
    Page = apps.get_model("articles", "Page")
    for slug, title, body in PAGES:
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


def remove(apps, schema_editor):
    apps.get_model("articles", "Page").objects.filter(slug__in=[p[0] for p in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_standing_pages")]

    operations = [migrations.RunPython(create, remove)]
