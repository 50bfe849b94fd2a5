<?php
/**
 * Builds a small WordPress site with WordPress's own PHP API and writes its
 * WXR export with WordPress's own export_wp(). Called by make_export.sh, which
 * sets these environment variables:
 *
 *   WXR_DB_NAME      scratch MariaDB database (already created, empty)
 *   WXR_DB_HOST      e.g. 127.0.0.1:3306
 *   WXR_CONTENT_DIR  scratch wp-content directory (uploads land in it)
 *   WXR_OUT          path of the export file to write
 *
 * Everything is dated in November 2023 (site time zone Asia/Jakarta) so that
 * re-running gives the same export apart from the export date in the header.
 * Nothing is fetched from the network (WP_HTTP_BLOCK_EXTERNAL, no cron).
 */

error_reporting( E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_WARNING );

$site = 'https://suarapagi.example';

// What Debian's /etc/wordpress/config-<host>.php would define, done here so
// nothing is written under /etc.
$_SERVER['HTTP_HOST']   = 'suarapagi.example';
$_SERVER['SERVER_NAME'] = 'suarapagi.example';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['HTTPS']       = 'on';
define( 'DB_NAME', getenv( 'WXR_DB_NAME' ) );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', getenv( 'WXR_DB_HOST' ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
define( 'ABSPATH', '/usr/share/wordpress/' );
define( 'WP_CONTENT_DIR', getenv( 'WXR_CONTENT_DIR' ) );
define( 'WP_CONTENT_URL', $site . '/wp-content' );
define( 'WP_HOME', $site );
define( 'WP_SITEURL', $site );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', false );
define( 'WP_DISABLE_FATAL_ERROR_HANDLER', true );
define( 'WP_INSTALLING', true );
foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as $k ) {
	define( $k, 'fixture-only-' . $k );
}
$table_prefix = 'wp_';

// wp_install() would try to mail the admin; a pluggable function, so silence it.
function wp_new_blog_notification( $blog_title, $blog_url, $user_id, $password ) {}

require ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function fx_fail( $what, $result ) {
	fwrite( STDERR, "make_export.php: $what failed: " . ( is_wp_error( $result ) ? $result->get_error_message() : var_export( $result, true ) ) . "\n" );
	exit( 1 );
}

function fx_check( $what, $result ) {
	if ( is_wp_error( $result ) || ! $result ) {
		fx_fail( $what, $result );
	}
	return $result;
}

// ---------------------------------------------------------------- install
$install = wp_install( 'Suara Pagi', 'redaksi', 'redaksi@suarapagi.example', true, '', 'fixture-password' );
$admin   = (int) $install['user_id'];
wp_update_user( array( 'ID' => $admin, 'display_name' => 'Redaksi Suara Pagi', 'user_nicename' => 'redaksi' ) );
update_option( 'blogdescription', 'Kabar pagi dari Jawa Timur' );
update_option( 'timezone_string', 'Asia/Jakarta' );
$GLOBALS['wp_rewrite']->set_permalink_structure( '/%year%/%monthnum%/%day%/%postname%/' );
update_option( 'uploads_use_yearmonth_folders', 1 );
wp_set_current_user( $admin ); // an administrator: unfiltered_html, like an editor in the admin

// wp_install_defaults() wrote "Hello world!", "Sample Page", a draft
// "Privacy Policy" and a comment: remove them so the fixture holds only ours.
foreach ( get_posts( array( 'post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1 ) ) as $p ) {
	wp_delete_post( $p->ID, true );
}

// ---------------------------------------------------------------- users
function fx_add_user( $login, $display, $first, $last, $nicename, $role ) {
	return (int) fx_check(
		"wp_insert_user($login)",
		wp_insert_user(
			array(
				'user_login'    => $login,
				'user_pass'     => 'fixture-password',
				'user_email'    => $login . '@suarapagi.example',
				'display_name'  => $display,
				'first_name'    => $first,
				'last_name'     => $last,
				'user_nicename' => $nicename,
				'role'          => $role,
			)
		)
	);
}
$lestari = fx_add_user( 'lestari', 'Lestari Wulandari', 'Lestari', 'Wulandari', 'lestari-wulandari', 'author' );
$fauzi   = fx_add_user( 'afauzi', 'Ahmad Fauzi', 'Ahmad', 'Fauzi', 'ahmad-fauzi', 'editor' );

// ---------------------------------------------------------------- terms
function fx_add_term( $name, $tax, $args = array() ) {
	$r = fx_check( "wp_insert_term($name)", wp_insert_term( $name, $tax, $args ) );
	return (int) $r['term_id'];
}
$jatim    = fx_add_term( 'Jawa Timur', 'category', array( 'slug' => 'jawa-timur', 'description' => 'Berita dari kabupaten dan kota di Jawa Timur.' ) );
$blitar   = fx_add_term( 'Blitar', 'category', array( 'slug' => 'blitar', 'parent' => $jatim ) );
$gresik   = fx_add_term( 'Gresik', 'category', array( 'slug' => 'gresik', 'parent' => $jatim ) );
$nasional = fx_add_term( 'Nasional', 'category', array( 'slug' => 'nasional' ) );
$t_banjir = fx_add_term( 'Banjir', 'post_tag', array( 'slug' => 'banjir' ) );
// Same name, other case: WordPress refuses it unless a distinct slug is given
// (what old sites and earlier imports leave behind).
$t_banjir2 = fx_add_term( 'banjir', 'post_tag', array( 'slug' => 'banjir-2' ) );
$t_pemilu  = fx_add_term( 'Pemilu 2024', 'post_tag', array( 'slug' => 'pemilu-2024', 'description' => 'Pemilihan umum 14 Februari 2024.' ) );
$t_jembatan = fx_add_term( 'Jembatan', 'post_tag', array( 'slug' => 'jembatan' ) );

// ---------------------------------------------------------------- helpers
function fx_wib_to_gmt( $wib ) {
	return gmdate( 'Y-m-d H:i:s', strtotime( $wib . ' +0700' ) );
}

function fx_add_post( $args, $cats = array(), $tags = array() ) {
	$defaults = array(
		'post_type'      => 'post',
		'post_status'    => 'publish',
		'comment_status' => 'open',
		'ping_status'    => 'closed',
	);
	$args = array_merge( $defaults, $args );
	if ( isset( $args['post_date'] ) && ! array_key_exists( 'post_date_gmt', $args ) ) {
		$args['post_date_gmt'] = fx_wib_to_gmt( $args['post_date'] );
	}
	if ( $cats ) {
		$args['post_category'] = $cats;
	}
	// As the editor does: an auto-draft first (which is why WordPress's GUIDs
	// read ?p=ID rather than the permalink), then the save.
	$id = (int) fx_check( 'auto-draft', wp_insert_post( array( 'post_title' => 'Auto Draft', 'post_type' => $args['post_type'], 'post_status' => 'auto-draft' ), true ) );
	$args['ID']        = $id;
	$args['edit_date'] = true; // keep our dates, even on drafts
	fx_check( 'wp_update_post(' . $args['post_title'] . ')', wp_update_post( wp_slash( $args ), true ) );
	// The auto-draft was dated "now", so WordPress noted that as an old date
	// to redirect from; that note would change every day, and no real URL had it.
	delete_post_meta( $id, '_wp_old_date' );
	if ( $tags ) {
		// term ids, so that "Banjir" and "banjir" stay two terms
		fx_check( 'wp_set_post_terms', wp_set_post_terms( $id, $tags, 'post_tag' ) );
	}
	return $id;
}

/**
 * Draws an 800x600 JPEG with GD (sky, ground, a few shapes, a label) and
 * uploads it through media_handle_sideload(), as the media library does.
 */
function fx_add_image( $filename, $parent, $author, $date, $title, $caption, $alt, $seed ) {
	mt_srand( $seed );
	$w  = 800;
	$h  = 600;
	$im = imagecreatetruecolor( $w, $h );
	$sky = array( mt_rand( 90, 160 ), mt_rand( 140, 200 ), mt_rand( 190, 240 ) );
	$gnd = array( mt_rand( 60, 120 ), mt_rand( 80, 130 ), mt_rand( 40, 90 ) );
	for ( $y = 0; $y < $h; $y++ ) {
		$c = $y < $h * 0.55 ? $sky : $gnd;
		$f = 0.75 + 0.25 * ( $y / $h );
		imageline( $im, 0, $y, $w, $y, imagecolorallocate( $im, (int) ( $c[0] * $f ), (int) ( $c[1] * $f ), (int) ( $c[2] * $f ) ) );
	}
	for ( $i = 0; $i < 40; $i++ ) {
		$col = imagecolorallocate( $im, mt_rand( 20, 235 ), mt_rand( 20, 235 ), mt_rand( 20, 235 ) );
		if ( $i % 3 ) {
			imagefilledrectangle( $im, $x = mt_rand( 0, $w ), $y = mt_rand( 250, $h ), $x + mt_rand( 20, 120 ), $y + mt_rand( 20, 160 ), $col );
		} else {
			imagefilledellipse( $im, mt_rand( 0, $w ), mt_rand( 0, $h ), mt_rand( 10, 140 ), mt_rand( 10, 140 ), $col );
		}
	}
	// a little texture so the JPEG is photo-sized (a few dozen KB), not 5 KB
	for ( $i = 0; $i < 6000; $i++ ) {
		$x = mt_rand( 0, $w - 1 );
		$y = mt_rand( 0, $h - 1 );
		$rgb = imagecolorat( $im, $x, $y );
		$d   = mt_rand( -40, 40 );
		$col = imagecolorallocate( $im, max( 0, min( 255, ( ( $rgb >> 16 ) & 255 ) + $d ) ), max( 0, min( 255, ( ( $rgb >> 8 ) & 255 ) + $d ) ), max( 0, min( 255, ( $rgb & 255 ) + $d ) ) );
		imagesetpixel( $im, $x, $y, $col );
	}
	$white = imagecolorallocate( $im, 255, 255, 255 );
	imagefilledrectangle( $im, 0, $h - 40, $w, $h, imagecolorallocate( $im, 0, 0, 0 ) );
	imagestring( $im, 5, 12, $h - 30, $filename . '  (fixture, ' . $w . 'x' . $h . ')', $white );
	$tmp = wp_tempnam( $filename );
	imagejpeg( $im, $tmp, 82 );
	imagedestroy( $im );

	$id = media_handle_sideload(
		array( 'name' => $filename, 'tmp_name' => $tmp ),
		$parent,
		null,
		array(
			'post_title'    => $title,
			'post_excerpt'  => $caption,
			'post_content'  => '',
			'post_author'   => $author,
			'post_date'     => $date,
			'post_date_gmt' => fx_wib_to_gmt( $date ),
		)
	);
	fx_check( "media_handle_sideload($filename)", $id );
	if ( $alt !== '' ) {
		update_post_meta( $id, '_wp_attachment_image_alt', $alt );
	}
	return (int) $id;
}

function fx_url_of( $id, $size = 'full' ) {
	$src = wp_get_attachment_image_src( $id, $size );
	return $src[0];
}

function fx_add_comment( $post, $author, $email, $text, $date, $approved, $parent = 0 ) {
	return (int) fx_check(
		'wp_insert_comment',
		wp_insert_comment(
			array(
				'comment_post_ID'      => $post,
				'comment_author'       => $author,
				'comment_author_email' => $email,
				'comment_author_url'   => '',
				'comment_author_IP'    => '192.0.2.10',
				'comment_content'      => $text,
				'comment_date'         => $date,
				'comment_date_gmt'     => fx_wib_to_gmt( $date ),
				'comment_approved'     => $approved,
				'comment_parent'       => $parent,
				'comment_agent'        => 'Mozilla/5.0 (fixture)',
			)
		)
	);
}

// ---------------------------------------------------------------- posts
// 1. Published, Blitar, tag Banjir, featured image with credited caption and
//    alt text, manual excerpt, <!--more-->, sticky, comments.
$p1 = fx_add_post(
	array(
		'post_title'   => 'Banjir Rendam Ratusan Rumah di Blitar',
		'post_name'    => 'banjir-rendam-ratusan-rumah-di-blitar',
		'post_author'  => $lestari,
		'post_date'    => '2023-11-12 08:30:00',
		'post_excerpt' => 'Hujan deras sejak Sabtu malam membuat Sungai Brantas meluap dan merendam ratusan rumah di Kecamatan Sutojayan.',
		'post_content' => "<p>Hujan deras sejak Sabtu malam membuat Sungai Brantas meluap. Ratusan rumah di Kecamatan Sutojayan, Kabupaten Blitar, terendam hingga setinggi lutut orang dewasa.</p>\n<!--more-->\n<p>Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Blitar mencatat 412 rumah terdampak. &ldquo;Kami sudah mendirikan dua dapur umum,&rdquo; kata Kepala Pelaksana BPBD, Minggu (12/11/2023).</p>\n<p>Warga diminta mewaspadai banjir susulan karena hujan diperkirakan masih turun hingga <em>pekan depan</em>.</p>",
	),
	array( $blitar ),
	array( $t_banjir )
);
$a1 = fx_add_image( 'banjir-sutojayan.jpg', $p1, $lestari, '2023-11-12 08:10:00', 'Banjir Sutojayan',
	'Warga menerobos banjir di Kecamatan Sutojayan, Blitar, Minggu (12/11/2023). SP/Rahmat',
	'Warga berjalan di jalan desa yang tergenang banjir setinggi lutut', 101 );
set_post_thumbnail( $p1, $a1 );
stick_post( $p1 );
$c1 = fx_add_comment( $p1, 'Sri Handayani', 'sri@example.net', 'Semoga cepat surut. Dapur umum di mana saja?', '2023-11-12 10:02:00', 1 );
fx_add_comment( $p1, 'Redaksi Suara Pagi', 'redaksi@suarapagi.example', 'Di balai desa Sutojayan dan Kalipang, Bu.', '2023-11-12 10:40:00', 1, $c1 );
fx_add_comment( $p1, 'Pembaca', 'spam@example.org', 'Komentar yang belum disetujui.', '2023-11-12 11:00:00', 0 );

// 2. Published, Gresik, tag "banjir" (lower-case variant) + Jembatan, a
//    [caption] shortcode around a body image (credit SP/Budi), featured image
//    whose caption has no credit and which has no alt text.
$p2 = fx_add_post(
	array(
		'post_title'  => 'Jembatan Penghubung Dua Desa di Gresik Ambrol',
		'post_name'   => 'jembatan-penghubung-dua-desa-di-gresik-ambrol',
		'post_author' => $fauzi,
		'post_date'   => '2023-11-12 14:05:00',
		'post_content' => 'placeholder',
	),
	array( $gresik ),
	array( $t_banjir2, $t_jembatan )
);
$a2 = fx_add_image( 'jembatan-gresik.jpg', $p2, $fauzi, '2023-11-12 13:50:00', 'Jembatan Gresik',
	'Jembatan di Desa Morowudi ambrol setelah diterjang arus sungai. SP/Budi', 'Jembatan bambu yang ambrol', 202 );
$a3 = fx_add_image( 'petugas-bpbd.jpg', $p2, $fauzi, '2023-11-12 13:55:00', 'Petugas BPBD',
	'Petugas BPBD memeriksa sisa fondasi jembatan.', '', 303 );
set_post_thumbnail( $p2, $a3 );
wp_update_post(
	wp_slash(
		array(
			'ID'           => $p2,
			'post_content' => "Jembatan yang menghubungkan Desa Morowudi dan Desa Sumberame di Kecamatan Cerme, Gresik, ambrol pada Minggu siang.\n\n"
				. '[caption id="attachment_' . $a2 . '" align="alignnone" width="800"]<img class="size-full wp-image-' . $a2 . '" src="' . fx_url_of( $a2 ) . '" alt="Jembatan bambu yang ambrol" width="800" height="600" /> Jembatan di Desa Morowudi ambrol setelah diterjang arus sungai. SP/Budi[/caption]' . "\n\n"
				. "Tidak ada korban jiwa. Warga kini harus memutar sejauh tujuh kilometer.\n\n"
				. '[caption id="attachment_' . $a3 . '" align="alignright" width="300"]<img class="size-medium wp-image-' . $a3 . '" src="' . fx_url_of( $a3, 'medium' ) . '" alt="" width="300" height="225" /> Petugas BPBD memeriksa sisa fondasi jembatan.[/caption]' . "\n\n"
				. 'Pemerintah kabupaten menjanjikan jembatan darurat dalam dua pekan.',
		)
	)
);

// 3. Published, Nasional, tag Pemilu 2024, Gutenberg blocks: paragraph,
//    heading, list, quote, image block with figcaption, YouTube embed block.
//    The image is also the featured image.
$p3 = fx_add_post(
	array(
		'post_title'   => 'Debat Capres & Cawapres Pemilu 2024 Digelar Malam Ini',
		'post_name'    => 'debat-capres-cawapres-pemilu-2024-digelar-malam-ini',
		'post_author'  => $lestari,
		'post_date'    => '2023-11-13 09:00:00',
		'post_content' => 'placeholder',
	),
	array( $nasional ),
	array( $t_pemilu )
);
$a4 = fx_add_image( 'debat-capres.jpg', $p3, $lestari, '2023-11-13 08:45:00', 'Debat Capres',
	'Panggung debat di Jakarta, Senin (13/11/2023). SP/Dewi', 'Panggung debat calon presiden', 404 );
set_post_thumbnail( $p3, $a4 );
$yt = 'https://www.youtube.com/watch?v=Xk3pL9qZ2aA';
wp_update_post(
	wp_slash(
		array(
			'ID'           => $p3,
			'post_content' => "<!-- wp:paragraph -->\n<p>Komisi Pemilihan Umum menggelar debat pertama calon presiden dan calon wakil presiden malam ini di Jakarta.</p>\n<!-- /wp:paragraph -->\n\n"
				. "<!-- wp:heading -->\n<h2>Tema debat</h2>\n<!-- /wp:heading -->\n\n"
				. "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Hukum dan hak asasi manusia</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>Pemerintahan dan pemberantasan korupsi</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->\n\n"
				. '<!-- wp:image {"id":' . $a4 . ',"sizeSlug":"full","linkDestination":"none"} -->' . "\n"
				. '<figure class="wp-block-image size-full"><img src="' . fx_url_of( $a4 ) . '" alt="Panggung debat calon presiden" class="wp-image-' . $a4 . '"/><figcaption class="wp-element-caption">Panggung debat di Jakarta, Senin (13/11/2023). SP/Dewi</figcaption></figure>' . "\n<!-- /wp:image -->\n\n"
				. "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>Kami ingin publik menilai gagasan, bukan sekadar gimik.</p>\n<!-- /wp:paragraph --><cite>Ketua KPU</cite></blockquote>\n<!-- /wp:quote -->\n\n"
				. '<!-- wp:embed {"url":"' . $yt . '","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->' . "\n"
				. '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">' . "\n" . $yt . "\n</div><figcaption class=\"wp-element-caption\">Siaran ulang debat di kanal YouTube KPU.</figcaption></figure>\n<!-- /wp:embed -->\n\n"
				. "<!-- wp:paragraph -->\n<p>Debat disiarkan langsung oleh lima stasiun televisi.</p>\n<!-- /wp:paragraph -->",
		)
	)
);

// 4. Published, Blitar + its parent Jawa Timur, no tags. Classic editor text
//    with wpautop paragraphs (no <p>), a line break inside a paragraph, a bare
//    YouTube URL and a bare Instagram URL on their own lines, an [embed]
//    shortcode with a youtu.be URL, a resized (300x225) copy of a library
//    image without caption, and a hot-linked image from another site.
$p4 = fx_add_post(
	array(
		'post_title'   => 'Warga Blitar Gelar Larung Sesaji di Pantai Tambakrejo',
		'post_name'    => 'warga-blitar-gelar-larung-sesaji-di-pantai-tambakrejo',
		'post_author'  => $fauzi,
		'post_date'    => '2023-11-14 07:15:00',
		'post_content' => "Ribuan warga memadati Pantai Tambakrejo, Kabupaten Blitar, untuk mengikuti larung sesaji pada Selasa pagi.\n\n"
			. "Tradisi tahunan ini digelar nelayan sebagai ungkapan syukur.\nSesaji berupa tumpeng dan hasil bumi dilarung ke tengah laut.\n\n"
			. '<img class="alignright size-medium wp-image-' . $a1 . '" src="' . fx_url_of( $a1, 'medium' ) . '" alt="" width="300" height="225" />' . "\n\n"
			. "Berikut rekaman prosesi larung dari warga:\n\n"
			. "https://www.youtube.com/watch?v=Lr9Tb2mWq7E\n\n"
			. "Suasana dari udara:\n\n"
			. "[embed]https://youtu.be/Pw4sN8kYd1c[/embed]\n\n"
			. "Unggahan Dinas Pariwisata:\n\n"
			. "https://www.instagram.com/p/Cz1AbCdEfGh/\n\n"
			. '<img src="https://cdn.example.net/arsip/larung-2019.jpg" alt="Larung sesaji 2019" width="640" height="427" />' . "\n\n"
			. '<strong>Catatan:</strong> acara serupa digelar di Pantai Serang pekan depan.',
	),
	array( $blitar, $jatim )
);

// 5. Published, Jawa Timur, tag Banjir, shortcodes the CMS does not know
//    ([gallery], [contact-form-7]); featured image is the first gallery image.
$p5 = fx_add_post(
	array(
		'post_title'   => 'Galeri Foto: Banjir Surut, Warga Bersih-Bersih Rumah',
		'post_name'    => 'galeri-foto-banjir-surut-warga-bersih-bersih-rumah',
		'post_author'  => $lestari,
		'post_date'    => '2023-11-15 16:20:00',
		'post_content' => 'placeholder',
	),
	array( $jatim ),
	array( $t_banjir )
);
$a5 = fx_add_image( 'bersih-bersih-1.jpg', $p5, $lestari, '2023-11-15 16:00:00', 'Bersih-bersih 1',
	'Warga menjemur kasur setelah banjir surut. SP/Rahmat', 'Kasur dijemur di depan rumah', 505 );
$a6 = fx_add_image( 'IMG_20231115_161204.jpg', $p5, $lestari, '2023-11-15 16:05:00', 'IMG_20231115_161204',
	'', '', 606 );
set_post_thumbnail( $p5, $a5 );
wp_update_post(
	wp_slash(
		array(
			'ID'           => $p5,
			'post_content' => "Banjir di Blitar dan Tulungagung mulai surut. Warga membersihkan lumpur dari rumah mereka.\n\n"
				. '[gallery ids="' . $a5 . ',' . $a6 . '" columns="2" size="medium"]' . "\n\n"
				. "Punya foto banjir di lingkungan Anda? Kirimkan lewat formulir berikut.\n\n"
				. '[contact-form-7 id="5" title="Kirim Foto Pembaca"]',
		)
	)
);

// 6. Published, no category (WordPress files it under "Uncategorized"), no tags.
$p6 = fx_add_post(
	array(
		'post_title'   => 'Pengumuman: Redaksi Libur Hari Raya',
		'post_name'    => 'pengumuman-redaksi-libur-hari-raya',
		'post_author'  => $fauzi,
		'post_date'    => '2023-11-16 12:00:00',
		'post_content' => "Kantor redaksi tutup pada 25 Desember 2023. Berita tetap terbit seperti biasa.",
		'comment_status' => 'closed',
	)
);

// 7. Scheduled (future) post in 2030, Nasional, tag Pemilu 2024.
$p7 = fx_add_post(
	array(
		'post_title'   => 'Hasil Rekapitulasi Suara Pemilu Diumumkan Hari Ini',
		'post_name'    => 'hasil-rekapitulasi-suara-pemilu-diumumkan-hari-ini',
		'post_author'  => $lestari,
		'post_status'  => 'future',
		'post_date'    => '2030-02-14 10:00:00',
		'post_content' => '<p>KPU mengumumkan hasil rekapitulasi suara nasional pada pukul 10.00 WIB.</p>',
	),
	array( $nasional ),
	array( $t_pemilu )
);

// 8. Draft (no GMT date: WordPress leaves drafts' post_date_gmt at 0000-00-00).
$p8 = fx_add_post(
	array(
		'post_title'    => 'Harga Cabai di Pasar Gresik Naik Jelang Natal',
		'post_author'   => $fauzi,
		'post_status'   => 'draft',
		'post_date'     => '2023-11-17 09:30:00',
		'post_date_gmt' => '0000-00-00 00:00:00',
		'post_content'  => '<p>Harga cabai rawit di Pasar Baru Gresik naik menjadi Rp80.000 per kilogram.</p>',
	),
	array( $gresik )
);

// 9. Pending review (also a floating date).
$p9 = fx_add_post(
	array(
		'post_title'    => 'Jalan Rusak di Kabupaten Blitar Dikeluhkan Warga',
		'post_author'   => $lestari,
		'post_status'   => 'pending',
		'post_date'     => '2023-11-17 11:00:00',
		'post_date_gmt' => '0000-00-00 00:00:00',
		'post_content'  => "Warga Kecamatan Wlingi mengeluhkan jalan berlubang sepanjang dua kilometer.\n\nDinas PUPR berjanji memperbaikinya tahun depan.",
	),
	array( $blitar ),
	array( $t_banjir )
);

// 10. Private post.
$p10 = fx_add_post(
	array(
		'post_title'   => 'Catatan Internal: Jadwal Piket Redaksi Desember',
		'post_name'    => 'catatan-internal-jadwal-piket-redaksi-desember',
		'post_author'  => $fauzi,
		'post_status'  => 'private',
		'post_date'    => '2023-11-18 08:00:00',
		'post_content' => '<p>Piket malam: Lestari (1-15), Fauzi (16-31).</p>',
	),
	array( $nasional )
);

// 11. Trashed post (published first, then moved to the trash as the admin does).
$p11 = fx_add_post(
	array(
		'post_title'   => 'Berita Salah Tayang Yang Sudah Dihapus',
		'post_name'    => 'berita-salah-tayang-yang-sudah-dihapus',
		'post_author'  => $lestari,
		'post_date'    => '2023-11-18 10:00:00',
		'post_content' => '<p>Berita ini ditarik karena salah tayang.</p>',
	),
	array( $nasional )
);
fx_check( 'wp_trash_post', wp_trash_post( $p11 ) );
// wp_trash_post() stamps "now": pin it so the export is stable.
update_post_meta( $p11, '_wp_trash_meta_time', strtotime( '2023-11-18 12:00:00 +0700' ) );

// 12. Page "Tentang Kami", by the admin account (which has no posts).
$p_page = fx_add_post(
	array(
		'post_type'      => 'page',
		'post_title'     => 'Tentang Kami',
		'post_name'      => 'tentang-kami',
		'post_author'    => $admin,
		'post_date'      => '2020-01-01 09:00:00',
		'comment_status' => 'closed',
		'post_content'   => "<!-- wp:paragraph -->\n<p><strong>Suara Pagi</strong> adalah harian regional yang terbit di Jawa Timur sejak 1998.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>Redaksi: Jalan Pemuda 12, Surabaya.</p>\n<!-- /wp:paragraph -->",
	)
);

// Every update above stamped post_modified with "now"; pin modified = date so
// the export is stable between runs (what an untouched archive looks like).
global $wpdb;
$wpdb->query( "UPDATE {$wpdb->posts} SET post_modified = post_date, post_modified_gmt = DATE_SUB(post_date, INTERVAL 7 HOUR)" );
// One story really was edited later: the Blitar flood story got an update.
$wpdb->update( $wpdb->posts, array( 'post_modified' => '2023-11-12 19:45:00', 'post_modified_gmt' => '2023-11-12 12:45:00' ), array( 'ID' => $p1 ) );
wp_cache_flush();

// ---------------------------------------------------------------- export
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp( array( 'content' => 'all' ) );
$xml = ob_get_clean();
if ( strpos( $xml, '</rss>' ) === false ) {
	fx_fail( 'export_wp', substr( $xml, 0, 500 ) );
}
file_put_contents( getenv( 'WXR_OUT' ), $xml );

fwrite(
	STDOUT,
	sprintf(
		"ids: users lestari=%d afauzi=%d redaksi=%d; posts %s; page %d; attachments %s\n",
		$lestari, $fauzi, $admin,
		implode( ',', array( $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11 ) ),
		$p_page,
		implode( ',', array( $a1, $a2, $a3, $a4, $a5, $a6 ) )
	)
);
