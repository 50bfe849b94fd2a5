"""Words and pictures for `seed_demo`: an invented week of a regional daily."""

# (slug, name, parent slug, menu order, dateline place)
REGIONS = [
    ("jawa-timur", "Jawa Timur", None, 10, "Surabaya"),
    ("surabaya", "Surabaya", "jawa-timur", 11, "Surabaya"),
    ("blitar", "Blitar", "jawa-timur", 12, "Blitar"),
    ("gresik", "Gresik", "jawa-timur", 13, "Gresik"),
    ("sampang", "Sampang", "jawa-timur", 14, "Sampang"),
    ("nasional", "Nasional", None, 20, "Jakarta"),
    ("internasional", "Internasional", None, 30, "Jenewa"),
]

# (username or None, name, slug, initials, bio)
AUTHORS = [
    (
        "wartawan",
        "Lestari Wulandari",
        "lestari-wulandari",
        "Les",
        "Wartawan KabarJatim.id di Blitar. Meliput pemerintahan, pemilu dan pertanian.",
    ),
    (
        "redaktur",
        "Budi Santoso",
        "budi-santoso",
        "Bud",
        "Redaktur pelaksana. Dua puluh tahun meliput Jawa Timur.",
    ),
    (
        None,
        "Ahmad Fauzi",
        "ahmad-fauzi",
        "Faz",
        "Wartawan di Gresik dan Surabaya. Meliput industri, pelabuhan dan lingkungan.",
    ),
    (
        None,
        "Dewi Anggraini",
        "dewi-anggraini",
        "Dew",
        "Wartawan Sampang dan Madura. Meliput pendidikan dan kesehatan.",
    ),
    (
        "pemred",
        "Hendra Wijaya",
        "hendra-wijaya",
        "Hen",
        "Pemimpin redaksi KabarJatim.id. Mengawali karier di desk kota Surabaya.",
    ),
    (None, "Redaksi", "redaksi", "Red", "Tim redaksi KabarJatim.id."),
]

# (scene, palette, caption, credit, alt)
PHOTOS = [
    (
        "queue",
        ((250, 214, 165), (214, 93, 54)),
        "Warga antre di depan TPS Sananwetan.",
        "KJ/Rahmat",
        "Antrean warga di depan tempat pemungutan suara",
    ),
    (
        "field",
        ((170, 210, 240), (86, 150, 60)),
        "Petani memanen padi di sawah Kanigoro.",
        "KJ/Rahmat",
        "Petani memanen padi di sawah yang menguning",
    ),
    (
        "harbour",
        ((190, 220, 245), (30, 90, 140)),
        "Kapal barang bersandar di pelabuhan Gresik.",
        "KJ/Fauzi",
        "Kapal barang di dermaga pelabuhan",
    ),
    (
        "market",
        ((255, 236, 200), (200, 120, 40)),
        "Pedagang cabai melayani pembeli di pasar.",
        "KJ/Dewi",
        "Pedagang dan pembeli di los pasar tradisional",
    ),
    (
        "flood",
        ((180, 190, 200), (120, 100, 70)),
        "Warga menerobos banjir di jalan desa.",
        "KJ/Fauzi",
        "Jalan desa tergenang banjir setinggi lutut",
    ),
    (
        "city",
        ((255, 190, 140), (70, 70, 90)),
        "Suasana senja di pusat kota Surabaya.",
        "KJ/Rahmat",
        "Gedung-gedung kota saat senja",
    ),
    (
        "school",
        ((200, 230, 250), (200, 60, 60)),
        "Siswa mengikuti upacara di halaman sekolah.",
        "KJ/Dewi",
        "Siswa berbaris di halaman sekolah",
    ),
    (
        "stadium",
        ((140, 190, 240), (40, 140, 70)),
        "Pemain berebut bola di Stadion Gelora Supriyadi.",
        "KJ/Rahmat",
        "Pertandingan sepak bola di stadion",
    ),
    (
        "temple",
        ((250, 225, 180), (150, 80, 50)),
        "Wisatawan mengunjungi Candi Penataran.",
        "KJ/Rahmat",
        "Candi batu dikelilingi pepohonan",
    ),
    (
        "mountain",
        ((200, 225, 240), (60, 110, 80)),
        "Kabut menyelimuti lereng Gunung Kelud.",
        "KJ/Rahmat",
        "Lereng gunung berkabut di pagi hari",
    ),
    (
        "podium",
        ((235, 235, 240), (120, 30, 30)),
        "Menteri memberikan keterangan kepada wartawan.",
        "KJ/Redaksi",
        "Pejabat berbicara di podium",
    ),
    (
        "globe",
        ((20, 40, 80), (60, 140, 200)),
        "Para delegasi menghadiri sidang di Jenewa.",
        "KJ/Redaksi",
        "Ruang sidang dengan deretan bendera",
    ),
]

# Local stories: (title, summary, paragraphs, quote, tags, scene). {place} is
# the region's name.
LOCAL_STORIES = [
    (
        "Ratusan Warga {place} Padati Alun-Alun Sambut Hari Jadi",
        "Perayaan hari jadi berlangsung meriah dengan kirab budaya dan pasar rakyat.",
        [
            "Ratusan warga memadati alun-alun sejak pagi untuk menyaksikan kirab budaya "
            "dalam rangka hari jadi daerah.",
            "Kirab diikuti perwakilan setiap kecamatan yang membawa hasil bumi dan kesenian "
            "khas masing-masing.",
            "Panitia mencatat lebih dari tiga puluh kelompok seni ambil bagian tahun ini.",
        ],
        "Kami ingin perayaan ini menjadi milik semua warga, bukan hanya pejabat.",
        ["Budaya", "Hari Jadi"],
        "city",
    ),
    (
        "KPU {place} Mulai Distribusikan Logistik Pemilu ke Kecamatan",
        "Kotak dan surat suara dikirim dengan pengawalan polisi.",
        [
            "Komisi Pemilihan Umum mulai mendistribusikan logistik pemilu ke seluruh kecamatan.",
            "Setiap truk dikawal petugas kepolisian hingga gudang panitia pemilihan kecamatan.",
            "KPU menargetkan seluruh logistik tiba paling lambat tiga hari sebelum "
            "pemungutan suara.",
        ],
        "Kami pastikan tidak ada kotak suara yang terlambat sampai di TPS.",
        ["Pemilu 2024", "KPU"],
        "queue",
    ),
    (
        "Harga Cabai Rawit di Pasar {place} Tembus Rp80 Ribu per Kilogram",
        "Pedagang menyebut pasokan berkurang akibat hujan di daerah sentra.",
        [
            "Harga cabai rawit di pasar tradisional terus merangkak naik dalam sepekan terakhir.",
            "Pedagang mengaku pasokan dari petani berkurang karena hujan merusak tanaman.",
            "Dinas perdagangan berencana menggelar operasi pasar untuk menahan kenaikan harga.",
        ],
        "Pembeli sekarang hanya berani beli seperempat kilo.",
        ["Ekonomi", "Harga Pangan"],
        "market",
    ),
    (
        "Banjir Rendam Puluhan Rumah di Pinggiran {place}",
        "Hujan deras semalaman membuat sungai meluap ke permukiman.",
        [
            "Puluhan rumah terendam banjir setelah hujan deras mengguyur sejak malam.",
            "Air setinggi lutut orang dewasa menggenangi jalan desa dan halaman rumah warga.",
            "Petugas BPBD mendirikan dapur umum dan mengevakuasi warga lanjut usia.",
        ],
        "Air naik cepat sekali, kami hanya sempat menyelamatkan surat-surat penting.",
        ["Banjir", "Bencana"],
        "flood",
    ),
    (
        "Petani {place} Panen Raya, Harga Gabah Stabil",
        "Dinas pertanian memperkirakan hasil panen naik dibanding tahun lalu.",
        [
            "Petani mulai memanen padi di sejumlah kecamatan dengan hasil yang memuaskan.",
            "Harga gabah kering panen bertahan di kisaran enam ribu rupiah per kilogram.",
            "Dinas pertanian meminta Bulog menyerap gabah petani agar harga tidak jatuh.",
        ],
        "Tahun ini hama wereng bisa kami kendalikan.",
        ["Pertanian", "Ekonomi"],
        "field",
    ),
    (
        "Siswa SMA di {place} Raih Medali Olimpiade Sains",
        "Tiga siswa membawa pulang medali dari ajang tingkat nasional.",
        [
            "Tiga siswa sekolah menengah atas meraih medali dalam olimpiade sains "
            "tingkat nasional.",
            "Mereka berlatih setiap sore selama empat bulan bersama guru pembimbing.",
            "Pemerintah daerah menjanjikan beasiswa bagi para peraih medali.",
        ],
        "Kami belajar dari soal-soal tahun lalu dan saling mengajari.",
        ["Pendidikan", "Prestasi"],
        "school",
    ),
    (
        "Puskesmas {place} Gelar Vaksinasi Gratis untuk Balita",
        "Orang tua diminta membawa buku kesehatan ibu dan anak.",
        [
            "Puskesmas menggelar vaksinasi gratis bagi balita selama sepekan.",
            "Petugas juga memeriksa tumbuh kembang anak dan memberi penyuluhan gizi.",
            "Orang tua diminta membawa buku kesehatan ibu dan anak saat datang.",
        ],
        "Cakupan imunisasi harus kembali seperti sebelum pandemi.",
        ["Kesehatan"],
        "school",
    ),
    (
        "Tim Sepak Bola {place} Melaju ke Final Liga Daerah",
        "Kemenangan 2-1 di kandang memastikan tiket final.",
        [
            "Tim sepak bola kebanggaan daerah melaju ke partai final liga setelah menang "
            "dua gol berbanding satu.",
            "Gol kemenangan dicetak pada menit-menit akhir melalui sundulan kepala.",
            "Ribuan suporter memadati stadion dan merayakan kemenangan hingga malam.",
        ],
        "Anak-anak bermain dengan hati, itu kuncinya.",
        ["Olahraga", "Sepak Bola"],
        "stadium",
    ),
    (
        "UMKM Batik {place} Tembus Pasar Ekspor",
        "Pesanan datang dari Malaysia dan Belanda.",
        [
            "Sebuah usaha batik rumahan kini rutin mengirim kain ke luar negeri.",
            "Pemiliknya mempekerjakan dua puluh perajin dari desa sekitar.",
            "Pemerintah daerah membantu sertifikasi dan pameran dagang.",
        ],
        "Motif lokal ternyata disukai pembeli di luar negeri.",
        ["UMKM", "Ekonomi"],
        "market",
    ),
    (
        "Wisata Sejarah {place} Ramai Dikunjungi Saat Libur Panjang",
        "Pengelola mencatat kenaikan pengunjung hingga dua kali lipat.",
        [
            "Objek wisata sejarah ramai dikunjungi wisatawan selama libur panjang.",
            "Pengelola menambah pemandu dan memperpanjang jam buka.",
            "Pedagang di sekitar lokasi ikut merasakan kenaikan penjualan.",
        ],
        "Pengunjung datang dari luar kota, bahkan dari Bali.",
        ["Pariwisata"],
        "temple",
    ),
    (
        "Jalan Rusak di {place} Mulai Diperbaiki Bulan Ini",
        "Perbaikan ditargetkan selesai sebelum musim hujan puncak.",
        [
            "Dinas pekerjaan umum mulai memperbaiki ruas jalan yang rusak parah.",
            "Warga selama ini mengeluhkan lubang yang membahayakan pengendara motor.",
            "Anggaran perbaikan berasal dari dana alokasi khusus tahun ini.",
        ],
        "Sudah tiga tahun kami menunggu jalan ini diperbaiki.",
        ["Infrastruktur"],
        "city",
    ),
    (
        "Nelayan {place} Keluhkan Solar Langka",
        "Banyak kapal tidak melaut karena antrean di SPBU nelayan.",
        [
            "Nelayan mengeluhkan sulitnya mendapatkan solar bersubsidi.",
            "Sebagian kapal memilih tidak melaut karena biaya membeli solar eceran terlalu mahal.",
            "Pertamina berjanji menambah kuota untuk SPBU nelayan.",
        ],
        "Kalau tidak melaut, dapur kami tidak mengepul.",
        ["Nelayan", "Ekonomi"],
        "harbour",
    ),
]

NATIONAL_STORIES = [
    (
        "Pemerintah Umumkan Jadwal Pencairan Bantuan Sosial",
        "Bantuan disalurkan melalui bank dan kantor pos mulai pekan depan.",
        [
            "Pemerintah mengumumkan jadwal pencairan bantuan sosial bagi keluarga "
            "penerima manfaat.",
            "Penyaluran dilakukan melalui bank milik negara dan kantor pos.",
            "Warga diminta mewaspadai penipuan yang mengatasnamakan bantuan sosial.",
        ],
        "Tidak ada pungutan apa pun dalam penyaluran bantuan ini.",
        ["Bantuan Sosial"],
        "podium",
    ),
    (
        "DPR Setujui RUU Perlindungan Data Pribadi Menjadi Undang-Undang",
        "Undang-undang mengatur sanksi bagi kebocoran data.",
        [
            "Dewan Perwakilan Rakyat mengesahkan rancangan undang-undang tentang "
            "perlindungan data pribadi.",
            "Aturan baru memuat sanksi denda bagi lembaga yang lalai menjaga data.",
            "Pemerintah diberi waktu dua tahun untuk menyiapkan aturan turunan.",
        ],
        "Ini tonggak penting bagi hak warga atas datanya sendiri.",
        ["Hukum", "Teknologi"],
        "podium",
    ),
    (
        "Hasil Rekapitulasi Nasional Pemilu 2024 Diumumkan",
        "KPU menetapkan hasil setelah rapat pleno terbuka.",
        [
            "Komisi Pemilihan Umum mengumumkan hasil rekapitulasi nasional.",
            "Rapat pleno berlangsung selama dua pekan dan disaksikan para saksi partai.",
            "Pihak yang keberatan dapat mengajukan gugatan ke Mahkamah Konstitusi.",
        ],
        "Seluruh proses terbuka dan dapat diawasi publik.",
        ["Pemilu 2024", "KPU"],
        "queue",
    ),
    (
        "Bank Indonesia Tahan Suku Bunga Acuan",
        "Keputusan diambil untuk menjaga stabilitas rupiah.",
        [
            "Bank Indonesia memutuskan menahan suku bunga acuan.",
            "Keputusan itu diambil untuk menjaga stabilitas nilai tukar rupiah.",
            "Ekonom menilai langkah tersebut sesuai perkiraan pasar.",
        ],
        "Inflasi masih dalam sasaran, rupiah perlu dijaga.",
        ["Ekonomi"],
        "city",
    ),
    (
        "Musim Kemarau Diprediksi Lebih Panjang Tahun Ini",
        "BMKG meminta daerah bersiap menghadapi kekeringan.",
        [
            "Badan Meteorologi memperkirakan musim kemarau berlangsung lebih panjang.",
            "Sejumlah daerah di Jawa dan Nusa Tenggara berisiko mengalami kekeringan.",
            "Pemerintah daerah diminta menyiapkan sumur bor dan tangki air bersih.",
        ],
        "Petani sebaiknya menyesuaikan pola tanam.",
        ["Cuaca", "Pertanian"],
        "mountain",
    ),
    (
        "Timnas Indonesia Menang Meyakinkan di Kualifikasi Piala Dunia",
        "Dua gol babak kedua memastikan tiga poin.",
        [
            "Tim nasional Indonesia menang dua gol tanpa balas.",
            "Kedua gol tercipta di babak kedua setelah pelatih melakukan pergantian pemain.",
            "Hasil itu menjaga peluang Indonesia lolos ke putaran berikutnya.",
        ],
        "Para pemain menjalankan instruksi dengan disiplin.",
        ["Olahraga", "Sepak Bola"],
        "stadium",
    ),
    (
        "Kurikulum Baru Berlaku Serentak Tahun Ajaran Depan",
        "Sekolah diberi pelatihan guru selama enam bulan.",
        [
            "Kementerian pendidikan menetapkan kurikulum baru berlaku serentak.",
            "Guru akan mengikuti pelatihan daring dan tatap muka selama enam bulan.",
            "Buku pelajaran baru dapat diunduh gratis oleh sekolah.",
        ],
        "Kami ingin anak belajar lebih dalam, bukan lebih banyak.",
        ["Pendidikan"],
        "school",
    ),
    (
        "Harga Beras Medium Turun di Sejumlah Daerah",
        "Operasi pasar dan panen raya menekan harga.",
        [
            "Harga beras medium mulai turun di sejumlah daerah.",
            "Penurunan didorong panen raya dan operasi pasar pemerintah.",
            "Pemerintah memastikan stok beras nasional cukup hingga akhir tahun.",
        ],
        "Stok di gudang Bulog aman.",
        ["Harga Pangan", "Ekonomi"],
        "market",
    ),
]

WORLD_STORIES = [
    (
        "PBB Serukan Gencatan Senjata Kemanusiaan",
        "Sekretaris Jenderal meminta akses bantuan dibuka.",
        [
            "Perserikatan Bangsa-Bangsa menyerukan gencatan senjata kemanusiaan.",
            "Akses bantuan makanan dan obat-obatan diminta segera dibuka.",
            "Indonesia menyatakan dukungan penuh terhadap seruan tersebut.",
        ],
        "Warga sipil tidak boleh menjadi korban.",
        ["Dunia", "Kemanusiaan"],
        "globe",
    ),
    (
        "Konferensi Iklim Sepakati Dana Bantuan untuk Negara Berkembang",
        "Negara maju berjanji menambah pendanaan adaptasi.",
        [
            "Konferensi iklim menyepakati dana bantuan bagi negara berkembang.",
            "Dana itu dipakai untuk adaptasi terhadap banjir, kekeringan dan kenaikan muka laut.",
            "Delegasi Indonesia menyambut baik kesepakatan tersebut.",
        ],
        "Kesepakatan ini harus segera diwujudkan, bukan sekadar janji.",
        ["Dunia", "Lingkungan"],
        "globe",
    ),
    (
        "Harga Minyak Dunia Naik Setelah Pemangkasan Produksi",
        "Kenaikan berpotensi memengaruhi subsidi energi.",
        [
            "Harga minyak mentah dunia naik setelah negara produsen memangkas produksi.",
            "Kenaikan itu berpotensi menambah beban subsidi energi di dalam negeri.",
            "Pemerintah menyatakan belum akan menaikkan harga BBM bersubsidi.",
        ],
        "Kami terus memantau perkembangan harga.",
        ["Dunia", "Ekonomi"],
        "harbour",
    ),
    (
        "Pekerja Migran Indonesia di Malaysia Dapat Layanan Konsuler Keliling",
        "KBRI membuka layanan paspor di perkebunan.",
        [
            "Kedutaan besar membuka layanan konsuler keliling bagi pekerja migran.",
            "Petugas melayani penggantian paspor dan pencatatan kelahiran anak.",
            "Layanan ini menjangkau pekerja di perkebunan yang jauh dari kota.",
        ],
        "Banyak pekerja tidak bisa meninggalkan kebun untuk ke kota.",
        ["Dunia", "Pekerja Migran"],
        "podium",
    ),
    (
        "Gempa Magnitudo 6,8 Guncang Jepang, Tidak Ada Peringatan Tsunami",
        "Kementerian Luar Negeri memastikan tidak ada WNI yang menjadi korban.",
        [
            "Gempa bermagnitudo 6,8 mengguncang wilayah utara Jepang.",
            "Badan meteorologi Jepang tidak mengeluarkan peringatan tsunami.",
            "Kementerian Luar Negeri memastikan tidak ada warga Indonesia yang menjadi korban.",
        ],
        "Kami terus berkomunikasi dengan komunitas WNI di sana.",
        ["Dunia", "Bencana"],
        "mountain",
    ),
    (
        "Festival Film Asia Putar Tiga Film Indonesia",
        "Salah satunya karya sutradara asal Surabaya.",
        [
            "Tiga film Indonesia diputar dalam festival film Asia tahun ini.",
            "Salah satunya karya sutradara muda asal Surabaya.",
            "Film tersebut bercerita tentang kehidupan nelayan di pesisir utara Jawa.",
        ],
        "Kami membawa cerita kampung ke panggung dunia.",
        ["Dunia", "Budaya"],
        "city",
    ),
]

WORLD_PLACES = ["Jenewa", "Dubai", "Kuala Lumpur", "Kuala Lumpur", "Tokyo", "Busan"]

# A live story: title, summary, opening paragraphs; then its entries as
# (minutes ago, headline, text), newest first.
LIVE_STORY = (
    "Langsung: Banjir Luapan Sungai Brantas di Kademangan",
    "Pembaruan langsung dari desa-desa yang tergenang di Kecamatan Kademangan.",
    [
        "Hujan deras sejak Minggu malam membuat Sungai Brantas meluap ke permukiman di "
        "Kecamatan Kademangan. Redaksi memantau perkembangan di lapangan dan memuat "
        "pembaruan di halaman ini.",
        "Warga yang membutuhkan bantuan dapat menghubungi posko BPBD Kabupaten Blitar.",
    ],
)
LIVE_ENTRIES = [
    (
        12,
        "Air mulai surut di Desa Plumpungrejo",
        "Ketinggian air di jalan desa turun dari sekitar 80 sentimeter menjadi 40 "
        "sentimeter. Warga mulai membersihkan lumpur dari teras rumah.",
    ),
    (
        47,
        "Dapur umum dibuka di balai desa",
        "Tim Tagana membuka dapur umum di Balai Desa Kademangan. Sekitar 600 bungkus nasi "
        "dibagikan siang ini.",
    ),
    (
        95,
        "",
        "BPBD Kabupaten Blitar mencatat 312 rumah terendam di empat desa. Belum ada laporan "
        "korban jiwa.",
    ),
    (
        140,
        "Jalan provinsi ditutup sementara",
        "Polisi menutup ruas jalan Blitar-Kademangan sejak pukul 06.00 WIB. Kendaraan "
        "dialihkan lewat Sutojayan.",
    ),
]
